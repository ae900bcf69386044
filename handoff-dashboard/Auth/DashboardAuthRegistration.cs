using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ChatSupport.HandoffDashboard.Auth;

public static class DashboardAuthRegistration
{
    public static void AddDashboardAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DashboardAuthOptions>()
            .Bind(builder.Configuration.GetSection(DashboardAuthOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<RedisUserStore>();
        builder.Services.AddSingleton<IPasswordHasher<DashboardUser>, PasswordHasher<DashboardUser>>();
        builder.Services.AddHostedService<BootstrapAdminService>();

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "chatsupport.dashboard";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.LoginPath = "/login.html";
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                // APIs answer 401/403; only page requests are redirected to the sign-in page.
                options.Events.OnRedirectToLogin = ctx => RedirectOrStatus(ctx, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = ctx => RedirectOrStatus(ctx, StatusCodes.Status403Forbidden);
            });

        builder.Services.AddAuthorizationBuilder()
            // Every endpoint needs a signed-in user unless it says otherwise ([AllowAnonymous]).
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(DashboardRoles.SupervisorPolicy, p => p.RequireRole(DashboardRoles.Supervisor, DashboardRoles.Admin))
            .AddPolicy(DashboardRoles.AdminPolicy, p => p.RequireRole(DashboardRoles.Admin));
        builder.Services.AddAntiforgery(options => options.HeaderName = "X-CSRF-TOKEN");
        builder.Services.AddDataProtection().SetApplicationName("chatsupport-dashboard");
        builder.Services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
            .Configure<StackExchange.Redis.IConnectionMultiplexer>((options, redis) => options.XmlRepository = new RedisXmlRepository(redis));
    }

    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Path.StartsWithSegments("/hubs"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public static ClaimsPrincipal PrincipalFor(DashboardUser user)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id),
            new(ClaimTypes.Name, user.DisplayName),
        };
        claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }
}

/// <summary>Creates the first admin from configuration when that user does not exist yet.</summary>
internal sealed class BootstrapAdminService(
    RedisUserStore users,
    IPasswordHasher<DashboardUser> hasher,
    IOptions<DashboardAuthOptions> options,
    ILogger<BootstrapAdminService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var admin = options.Value.BootstrapAdmin;
        if (string.IsNullOrEmpty(admin.Password))
        {
            logger.LogWarning("No Dashboard:BootstrapAdmin:Password configured; no first admin is created");
            return;
        }
        var user = new DashboardUser(RedisUserStore.IdFor(admin.UserName), admin.UserName, "管理员", "",
            [DashboardRoles.Admin, DashboardRoles.Supervisor], ["general", "after-sales", "complaints"], 5);
        user = user with { PasswordHash = hasher.HashPassword(user, admin.Password) };
        try
        {
            if (await users.TryCreateAsync(user))
            {
                logger.LogInformation("Bootstrap admin {UserId} created", user.Id);
            }
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            // Redis may still be starting; the next start will try again. /readyz reports it meanwhile.
            logger.LogError(ex, "Could not create the bootstrap admin: Redis unreachable");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
