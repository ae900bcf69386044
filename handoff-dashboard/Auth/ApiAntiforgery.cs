using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Metadata;

namespace ChatSupport.HandoffDashboard.Auth;

/// <summary>
/// The dashboard's one anti-forgery check. Every state-changing call (POST/PUT/PATCH/DELETE under /api) from a
/// signed-in (cookie) user must carry the X-CSRF-TOKEN header from GET /api/auth/antiforgery (ASP.NET Core's
/// <see cref="IAntiforgery"/> tokens: a cookie plus the header, checked together). It is a middleware rather than
/// per-endpoint filters so that no endpoint can be added without it; ASP.NET Core's own UseAntiforgery only checks
/// form-bound endpoints, which the dashboard has none of (uploads read the form themselves). Exempt: endpoints marked
/// DisableAntiforgery, which are anonymous (sign-in, the store's signed order webhook). SignalR (/hubs) carries no
/// token: its cookie is SameSite=Strict, and Security/HubOriginCheck refuses a page of another origin.
/// pages/js/api.js sends the header on every such call.
/// </summary>
public static class ApiAntiforgery
{
    public static void UseApiAntiforgery(this WebApplication app) => app.Use(async (ctx, next) =>
    {
        if (NeedsCheck(ctx))
        {
            var antiforgery = ctx.RequestServices.GetRequiredService<IAntiforgery>();
            try
            {
                await antiforgery.ValidateRequestAsync(ctx);
            }
            catch (AntiforgeryValidationException)
            {
                await Results.Problem(
                    title: "缺少或无效的防伪令牌（X-CSRF-TOKEN），请刷新页面后重试。",
                    statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(ctx);
                return;
            }
        }
        await next(ctx);
    });

    private static bool NeedsCheck(HttpContext ctx)
    {
        if (HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method) || HttpMethods.IsOptions(ctx.Request.Method)) return false;
        if (!ctx.Request.Path.StartsWithSegments("/api")) return false;
        if (ctx.User.Identity?.IsAuthenticated != true) return false;
        var metadata = ctx.GetEndpoint()?.Metadata.GetMetadata<IAntiforgeryMetadata>();
        return metadata?.RequiresValidation != false;
    }
}
