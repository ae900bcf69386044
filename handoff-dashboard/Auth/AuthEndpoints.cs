using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace ChatSupport.HandoffDashboard.Auth;

public sealed record LoginRequest(string? UserName, string? Password, string? ReturnUrl = null);

public sealed record CurrentUserResponse(string Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Skills);

/// <summary>The signed-in user plus where the sign-in page goes next (a local path, checked here and in login.js).</summary>
public sealed record LoginResponse(string Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Skills, string RedirectTo);

public static class AuthEndpoints
{
    public static void MapDashboardAuth(this WebApplication app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");

        group.MapPost("/login", LoginAsync).AllowAnonymous().DisableAntiforgery();
        group.MapPost("/logout", async (HttpContext ctx) =>
        {
            await ctx.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.NoContent();
        });
        group.MapGet("/me", async (ClaimsPrincipal principal, RedisUserStore users) =>
        {
            var user = await users.FindAsync(principal.FindFirstValue(ClaimTypes.NameIdentifier)!);
            return user is null
                ? Results.Unauthorized()
                : Results.Ok(new CurrentUserResponse(user.Id, user.UserName, user.DisplayName, user.Roles, user.Skills));
        });
        // The pages fetch this once and send it back as X-CSRF-TOKEN on every state-changing call.
        group.MapGet("/antiforgery", (HttpContext ctx, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(ctx);
            return Results.Ok(new { token = tokens.RequestToken, headerName = tokens.HeaderName });
        });
    }

    private static async Task<IResult> LoginAsync(
        LoginRequest request, HttpContext ctx, RedisUserStore users, IPasswordHasher<DashboardUser> hasher, SignInThrottle throttle,
        ILoggerFactory loggers)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["userName"] = ["请输入用户名和密码。"],
            });
        }
        var logger = loggers.CreateLogger("ChatSupport.HandoffDashboard.Auth");
        var address = ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (await throttle.BlockedForAsync(request.UserName, address) is { } wait)
        {
            logger.LogWarning("Sign-in throttled for {Address}", address);
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            ctx.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem(title: $"登录失败次数过多，请 {Math.Max(1, (seconds + 59) / 60)} 分钟后再试。", statusCode: StatusCodes.Status429TooManyRequests);
        }

        var user = await users.FindAsync(request.UserName);
        // The same hashing work for unknown, disabled and known names, so the answer time tells nothing.
        var verified = hasher.VerifyHashedPassword(user ?? DummyUser.Value, user?.PasswordHash ?? DummyHash(hasher), request.Password)
            != PasswordVerificationResult.Failed;
        if (user is null || user.Disabled || !verified)
        {
            await throttle.FailedAsync(request.UserName, address);
            logger.LogWarning("Failed sign-in from {Address}", address);
            return Results.Problem(title: "用户名或密码错误。", statusCode: StatusCodes.Status401Unauthorized);
        }
        await throttle.SucceededAsync(request.UserName);
        await ctx.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, DashboardAuthRegistration.PrincipalFor(user));
        return Results.Ok(new LoginResponse(user.Id, user.UserName, user.DisplayName, user.Roles, user.Skills,
            LocalReturnUrl.OrDefault(request.ReturnUrl)));
    }

    private static readonly Lazy<DashboardUser> DummyUser = new(() =>
        new DashboardUser("", "", "", "", [], [], 0));

    private static string? _dummyHash;

    /// <summary>A hash of a random password, made once, to verify against when the user name is unknown.</summary>
    private static string DummyHash(IPasswordHasher<DashboardUser> hasher) =>
        _dummyHash ??= hasher.HashPassword(DummyUser.Value, Guid.NewGuid().ToString("N"));
}
