using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace ChatSupport.HandoffDashboard.Auth;

/// <summary>
/// Re-checks a session cookie against the user's record: the cookie carries the security stamp it was issued
/// with, and is refused (and cleared) once the stored stamp differs (role or password changed) or the account
/// is disabled or deleted. What was read is trusted for <see cref="SignInOptions.RevalidateSeconds"/> per
/// instance, so a change ends sessions on every instance within that time without a Redis read per request.
/// </summary>
public sealed class SessionValidator(RedisUserStore users, IOptions<SignInOptions> options, TimeProvider clock, ILogger<SessionValidator> logger)
{
    public const string StampClaim = "chatsupport:stamp";

    private sealed record Checked(string? Stamp, bool Active, DateTimeOffset At);

    private readonly ConcurrentDictionary<string, Checked> _recent = new();

    public async Task ValidateAsync(CookieValidatePrincipalContext ctx)
    {
        if (ctx.Principal is null || !await IsCurrentAsync(ctx.Principal))
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    /// <summary>Whether a signed-in principal's session is still valid (also used for open hub connections).</summary>
    public Task<bool> IsCurrentAsync(ClaimsPrincipal principal)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = principal.FindFirstValue(StampClaim);
        return userId is null || stamp is null ? Task.FromResult(false) : IsCurrentAsync(userId, stamp);
    }

    private async Task<bool> IsCurrentAsync(string userId, string stamp)
    {
        var now = clock.GetUtcNow();
        var fresh = _recent.TryGetValue(userId, out var known) && now - known.At < TimeSpan.FromSeconds(options.Value.RevalidateSeconds);
        // Only a positive answer is trusted from memory: a cookie issued after a change (the user signed in
        // again) must not be refused for the stamp this instance remembers from before it.
        if (!fresh || !(known!.Active && known.Stamp == stamp))
        {
            try
            {
                var user = await users.FindAsync(userId);
                known = new Checked(user is null ? null : StampOf(user), user is { Disabled: false }, now);
                _recent[userId] = known;
            }
            catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
            {
                // Redis is down: nothing can be read or changed anyway; keep the last answer (or accept) rather
                // than signing every agent out during a blip. The check runs again once Redis answers.
                logger.LogWarning(ex, "Could not revalidate the session of {UserId}: Redis unreachable", userId);
                return known is null || (known.Active && known.Stamp == stamp);
            }
        }
        return known!.Active && known.Stamp == stamp;
    }

    /// <summary>Users written before stamps existed have none: their sessions carry "" and stay valid until the first change.</summary>
    public static string StampOf(DashboardUser user) => user.SecurityStamp ?? "";
}
