using System.Security.Claims;

namespace ChatSupport.HandoffDashboard.Auth;

/// <summary>
/// The signed-in dashboard user (agent, supervisor or admin) as every endpoint and the agent hub see them: read
/// once from the session cookie's claims (<see cref="DashboardAuthRegistration.PrincipalFor"/> writes them). A
/// minimal-API handler takes it as a parameter (<see cref="BindAsync"/>); the hub builds it from
/// <c>Context.User</c>. The one "who is calling" type, so the rules (ConversationAccess, canned-reply editing,
/// complaint actions) all read the same fields.
/// </summary>
/// <param name="Id">The user id: also the agent id on the handoff streams.</param>
/// <param name="Name">The display name agents and shoppers see.</param>
/// <param name="IsSupervisor">Supervisor or admin: sees every chat, manages team canned replies.</param>
/// <param name="IsAdmin">Admin: manages accounts, the knowledge base and forbidden phrases.</param>
public sealed record SignedInAgent(string Id, string Name, bool IsSupervisor, bool IsAdmin)
{
    public static SignedInAgent From(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("signed-in user without id");
        var admin = user.IsInRole(DashboardRoles.Admin);
        return new(id, user.FindFirstValue(ClaimTypes.Name) ?? id, admin || user.IsInRole(DashboardRoles.Supervisor), admin);
    }

    /// <summary>
    /// Minimal-API binding: a handler parameter of this type is the caller. Every endpoint but sign-in and the store
    /// webhook requires a signed-in user (the fallback policy), so a missing id here is a wiring bug, answered 400.
    /// </summary>
    public static ValueTask<SignedInAgent?> BindAsync(HttpContext context) =>
        ValueTask.FromResult(context.User.Identity?.IsAuthenticated == true && context.User.HasClaim(c => c.Type == ClaimTypes.NameIdentifier)
            ? From(context.User)
            : null);
}
