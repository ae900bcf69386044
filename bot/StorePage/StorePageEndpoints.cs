using ChatSupport.Bot.DirectLine;
using ChatSupport.Bot.Orders.Identity;
using ChatSupport.Bot.Traffic;

namespace ChatSupport.Bot.StorePage;

/// <summary>
/// The demo store page (wwwroot) and its server-side token route: the page gets a conversation token
/// from here and never sees the Direct Line secret.
/// </summary>
public static class StorePageEndpoints
{
    public static void UseStorePage(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            // Web Chat injects its own styles and uses blob: URLs; nothing else leaves this origin. It makes the thumbnail of a picked
            // photo in a worker it creates from a blob: URL: without worker-src blob: the attachment button picked files and sent nothing.
            http.Response.Headers.ContentSecurityPolicy =
                "default-src 'self'; script-src 'self'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
                "connect-src 'self' ws: wss: blob:; media-src 'self' blob:; frame-ancestors 'self'";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            await next();
        });
        app.UseDefaultFiles();
        app.UseStaticFiles();
        // A page load needs one token; Traffic:Tokens (30 a minute per address by default) stops scripted conversation floods.
        app.MapPost("/api/store/chat-token", IssueTokenAsync).LimitedAs(TrafficPolicies.Tokens);
    }

    /// <summary>Optional body <c>{"shopper":{...}}</c> signed by the store (Orders/Identity); without it the shopper is anonymous.</summary>
    private static async Task<IResult> IssueTokenAsync(HttpRequest request, DirectLineTokenService tokens, DirectLineConversationStore store,
        ShopperSignature signature)
    {
        var (shopper, error) = await ShopperTokenRequest.ReadAsync(request, signature);
        if (error is not null) return error;
        var conversationId = DirectLineConversationStore.NewConversationId();
        var userId = shopper?.UserId ?? "dl_" + Guid.NewGuid().ToString("N")[..16];
        await store.CreateAsync(conversationId, userId, started: false);
        var issued = tokens.IssueForNew(conversationId, userId, shopper?.Name);
        return Results.Json(new { conversationId, token = issued.Token, expires_in = issued.ExpiresIn });
    }
}
