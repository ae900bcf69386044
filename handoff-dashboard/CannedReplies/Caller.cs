using System.Security.Claims;
using ChatSupport.HandoffDashboard.Auth;

namespace ChatSupport.HandoffDashboard.CannedReplies;

/// <summary>Who is asking: the agent id (NameIdentifier claim) and whether they may manage team items.</summary>
public sealed record Caller(string UserId, bool ManagesTeam)
{
    public static Caller From(ClaimsPrincipal principal) =>
        new(principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("signed-in user without id"),
            principal.IsInRole(DashboardRoles.Supervisor) || principal.IsInRole(DashboardRoles.Admin));

    /// <summary>Team items: supervisors and admins. Personal items: only their owner.</summary>
    public bool CanEdit(CannedReply reply) =>
        reply.Scope == CannedReplyScope.Team ? ManagesTeam : reply.OwnerId == UserId;

    public bool CanCreate(CannedReplyScope scope) => scope == CannedReplyScope.Personal || ManagesTeam;
}
