using ChatSupport.Bot.DirectLine;
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
            // Web Chat injects its own styles and uses blob: URLs; nothing else leaves this origin.
            http.Response.Headers.ContentSecurityPolicy =
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
                "connect-src 'self' ws: wss: blob:; media-src 'self' blob:; frame-ancestors 'self'";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            await next();
        });
        app.UseDefaultFiles();
        app.UseStaticFiles();
        // A page load needs one token; Traffic:Tokens (30 a minute per address by default) stops scripted conversation floods.
        app.MapPost("/api/store/chat-token", IssueTokenAsync).LimitedAs(TrafficPolicies.Tokens);
    }

    private static async Task<IResult> IssueTokenAsync(DirectLineTokenService tokens, DirectLineConversationStore store)
    {
        var conversationId = DirectLineConversationStore.NewConversationId();
        var userId = "dl_" + Guid.NewGuid().ToString("N")[..16];
        await store.CreateAsync(conversationId, userId, started: false);
        var issued = tokens.IssueForNew(conversationId, userId);
        return Results.Json(new { conversationId, token = issued.Token, expires_in = issued.ExpiresIn });
    }
}
