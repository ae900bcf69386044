using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace ChatSupport.HandoffDashboard.Auth;

/// <summary>
/// The pages are static files, served before endpoint authorization runs; this keeps anonymous users out of
/// every page but the sign-in page (sent there instead), and non-admins out of the admin page.
/// Scripts, styles and bundles stay public: they hold no data.
/// </summary>
public static class PageAccess
{
    public static void UseSignedInPages(this WebApplication app) => app.Use(async (ctx, next) =>
    {
        var path = ctx.Request.Path.Value ?? "/";
        var isPage = path == "/" || path.EndsWith(".html", StringComparison.OrdinalIgnoreCase);
        if (isPage && !path.Equals("/login.html", StringComparison.OrdinalIgnoreCase))
        {
            var result = await ctx.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            if (!result.Succeeded)
            {
                ctx.Response.Redirect("/login.html?returnUrl=" + Uri.EscapeDataString(path + ctx.Request.QueryString));
                return;
            }
            if (path.Equals("/admin.html", StringComparison.OrdinalIgnoreCase) && !result.Principal.IsInRole(DashboardRoles.Admin))
            {
                ctx.Response.Redirect("/index.html");
                return;
            }
        }
        await next(ctx);
    });
}
