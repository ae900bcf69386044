using System.Threading.RateLimiting;
using ChatSupport.Bot.DirectLine;

namespace ChatSupport.Bot.StorePage;

/// <summary>
/// The demo store page (wwwroot) and its server-side token route: the page gets a conversation token
/// from here and never sees the Direct Line secret.
/// </summary>
public static class StorePageEndpoints
{
    private const string TokenPolicy = "store-chat-token";

    public static void AddStorePage(this WebApplicationBuilder builder) =>
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // A page load needs one token; 30 a minute per address stops scripted conversation floods.
            options.AddPolicy(TokenPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 30, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });

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
        app.UseRateLimiter();
        app.MapPost("/api/store/chat-token", IssueTokenAsync).RequireRateLimiting(TokenPolicy);
    }

    private static async Task<IResult> IssueTokenAsync(DirectLineTokenService tokens, DirectLineConversationStore store)
    {
        var conversationId = DirectLineConversationStore.NewConversationId();
        var userId = "dl_" + Guid.NewGuid().ToString("N")[..16];
        await store.CreateAsync(conversationId, userId, started: false);
        return Results.Json(new { conversationId, token = tokens.Issue(conversationId, userId), expires_in = tokens.LifetimeSeconds });
    }
}
