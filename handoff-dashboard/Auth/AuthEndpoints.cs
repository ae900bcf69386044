using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace ChatSupport.HandoffDashboard.Auth;

public sealed record LoginRequest(string? UserName, string? Password);

public sealed record CurrentUserResponse(string Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Skills);

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
        LoginRequest request, HttpContext ctx, RedisUserStore users, IPasswordHasher<DashboardUser> hasher, ILoggerFactory loggers)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["userName"] = ["请输入用户名和密码。"],
            });
        }
        var user = await users.FindAsync(request.UserName);
        var ok = user is not null && hasher.VerifyHashedPassword(user, user.PasswordHash, request.Password) != PasswordVerificationResult.Failed;
        if (!ok)
        {
            loggers.CreateLogger("ChatSupport.HandoffDashboard.Auth").LogWarning("Failed sign-in");
            return Results.Problem(title: "用户名或密码错误。", statusCode: StatusCodes.Status401Unauthorized);
        }
        await ctx.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, DashboardAuthRegistration.PrincipalFor(user!));
        return Results.Ok(new CurrentUserResponse(user!.Id, user.UserName, user.DisplayName, user.Roles, user.Skills));
    }
}
