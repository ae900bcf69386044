using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Metadata;

namespace ChatSupport.HandoffDashboard.Auth;

/// <summary>
/// Anti-forgery for the JSON API: a state-changing call (POST/PUT/PATCH/DELETE under /api) from a signed-in
/// (cookie) user must carry the X-CSRF-TOKEN header from GET /api/auth/antiforgery. ASP.NET Core checks form
/// posts only, so JSON endpoints get this. Endpoints marked DisableAntiforgery (sign-in) are exempt.
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
