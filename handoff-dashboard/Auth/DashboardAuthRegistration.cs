using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
        builder.Services.AddOptions<SignInOptions>()
            .Bind(builder.Configuration.GetSection(SignInOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RedisUserStore>();
        builder.Services.AddSingleton<SessionValidator>();
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddSingleton<HubSessionGuard>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<HubSessionGuard>());
        builder.Services.Configure<Microsoft.AspNetCore.SignalR.HubOptions>(o => Microsoft.AspNetCore.SignalR.HubOptionsExtensions.AddFilter<HubSessionGuard>(o));
        builder.Services.AddSingleton<IPasswordHasher<DashboardUser>, PasswordHasher<DashboardUser>>();
        builder.Services.AddHostedService<BootstrapAdminService>();

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<SignInOptions>>((options, signIn) =>
            {
                options.Cookie.Name = "chatsupport.dashboard";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = signIn.Value.CookieSecurePolicy;
                options.LoginPath = "/login.html";
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = TimeSpan.FromHours(signIn.Value.SessionHours);
                // APIs answer 401/403; only page requests are redirected to the sign-in page.
                options.Events.OnRedirectToLogin = ctx => RedirectOrStatus(ctx, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = ctx => RedirectOrStatus(ctx, StatusCodes.Status403Forbidden);
                // Role change, password change, disabled account: the session ends (SessionValidator).
                options.Events.OnValidatePrincipal = ctx => ctx.HttpContext.RequestServices.GetRequiredService<SessionValidator>().ValidateAsync(ctx);
            });

        builder.Services.AddAuthorizationBuilder()
            // Every endpoint needs a signed-in user unless it says otherwise ([AllowAnonymous]).
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(DashboardRoles.SupervisorPolicy, p => p.RequireRole(DashboardRoles.Supervisor, DashboardRoles.Admin))
            .AddPolicy(DashboardRoles.AdminPolicy, p => p.RequireRole(DashboardRoles.Admin));
        builder.Services.AddAntiforgery(options =>
        {
            options.HeaderName = "X-CSRF-TOKEN";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.HttpOnly = true;
        });
        builder.Services.AddOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>()
            .Configure<IOptions<SignInOptions>>((options, signIn) => options.Cookie.SecurePolicy = signIn.Value.CookieSecurePolicy);
        builder.Services.AddDataProtection().SetApplicationName("chatsupport-dashboard");
        builder.Services.AddOptions<KeyRingOptions>().Bind(builder.Configuration.GetSection(KeyRingOptions.SectionName));
        builder.Services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
            .Configure<StackExchange.Redis.IConnectionMultiplexer, IOptions<KeyRingOptions>>((options, redis, keyRing) =>
            {
                options.XmlRepository = new RedisXmlRepository(redis);
                if (!string.IsNullOrEmpty(keyRing.Value.KeyEncryptionSecret))
                    options.XmlEncryptor = new SecretXmlEncryptor(keyRing.Value.KeyEncryptionSecret);
            });
        builder.Services.AddHostedService<KeyRingWarning>();
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
            new(SessionValidator.StampClaim, SessionValidator.StampOf(user)),
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
            [DashboardRoles.Admin, DashboardRoles.Supervisor], ["general", "after-sales", "complaints"], 5, SecurityStamp: DashboardUser.NewStamp());
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

/// <summary>Says at start when the key ring would be stored unencrypted.</summary>
internal sealed class KeyRingWarning(IOptions<KeyRingOptions> options, ILogger<KeyRingWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(options.Value.KeyEncryptionSecret))
            logger.LogWarning("DataProtection:KeyEncryptionSecret is not set: the keys that sign sessions are stored unencrypted in Redis");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
