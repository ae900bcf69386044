namespace ChatSupport.HandoffDashboard.Security;

/// <summary>
/// Headers on every dashboard response (pages, scripts, API, health): a strict Content-Security-Policy (scripts,
/// styles and connections from this site only, no inline script or style, no framing), nosniff, no referrer to
/// other sites. Shopper text reaches the pages; if a bug ever let it in as HTML, the policy still runs none of it.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The policy with the bot's origin allowed as an image source (shoppers' photos are served by the bot, see Attachments).</summary>
    public static string PolicyWithImagesFrom(string? origin) =>
        origin is null ? ContentSecurityPolicy : ContentSecurityPolicy.Replace("img-src 'self' data:;", $"img-src 'self' data: {origin};");

    public static void UseSecurityHeaders(this WebApplication app)
    {
        var policy = PolicyWithImagesFrom(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ChatSupport.HandoffDashboard.Attachments.AttachmentLinkOptions>>().Value.BotOrigin);
        app.Use((ctx, next) =>
    {
        // Set before the response starts, whatever answers it (static files, endpoints, redirects, errors).
        ctx.Response.OnStarting(() =>
        {
            var headers = ctx.Response.Headers;
            headers.ContentSecurityPolicy = policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(ctx);
    });
    }
}
