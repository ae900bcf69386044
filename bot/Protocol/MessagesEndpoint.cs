using System.Text.Json;
using ChatSupport.Bot.DirectLine;
using ChatSupport.Bot.Traffic;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.Protocol;

/// <summary>POST /api/messages: activities from a Bot Framework channel (Emulator, Azure Bot Service).</summary>
public static class MessagesEndpoint
{
    public static void MapBotMessages(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<BotFrameworkOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILogger<BotAdapter>>();
        if (!options.AuthenticationEnabled)
        {
            if (options.AllowAnonymousRemote) ProtocolLog.RunningOpenToAnyAddress(logger);
            else ProtocolLog.RunningOpen(logger);
        }
        app.MapPost("/api/messages", HandleAsync).LimitedAs(TrafficPolicies.BotMessages);
        app.MapMethods("/api/messages", ["GET", "PUT", "DELETE", "PATCH"], () => Results.StatusCode(StatusCodes.Status405MethodNotAllowed));
    }

    private static async Task<IResult> HandleAsync(
        HttpContext http, BotAdapter adapter, HttpConnectorClient connector, BotFrameworkAuthenticator authenticator,
        DirectLineConversationStore directLine, ConversationLimits limits, IOptions<BotFrameworkOptions> options, ILogger<BotAdapter> logger)
    {
        var o = options.Value;
        var authorization = http.Request.Headers.Authorization.ToString();
        if (!o.AuthenticationEnabled)
        {
            // Open mode is for the Emulator beside the bot. A token cannot be checked without an app id, so one that is
            // sent is refused (as the SDK does) rather than taken as a reason to skip the checks below.
            if (!string.IsNullOrEmpty(authorization)) return Refuse(logger, 401, "Authorization header sent but no app id is configured");
            if (!o.AllowAnonymousRemote && !LocalCaller.IsLocal(http)) return Refuse(logger, 403, "anonymous caller not on this machine");
        }

        using var body = await LimitedBody.ReadAsync(http.Request, o.MaxActivityBytes, http.RequestAborted);
        if (body is null) return Refuse(logger, 413, $"activity larger than {o.MaxActivityBytes} bytes");
        Activity? activity;
        try
        {
            activity = await JsonSerializer.DeserializeAsync<Activity>(body, ProtocolJson.Options, http.RequestAborted);
        }
        catch (JsonException)
        {
            return Refuse(logger, 400, "malformed JSON");
        }
        if (activity is null || string.IsNullOrWhiteSpace(activity.Type)) return Refuse(logger, 400, "activity without type");
        if (string.IsNullOrEmpty(activity.Conversation?.Id) || string.IsNullOrEmpty(activity.ServiceUrl))
            return Refuse(logger, 400, "activity without conversation or serviceUrl");
        if (!ConversationKey.IsValidChannelId(activity.ChannelId)) return Refuse(logger, 400, "activity without a valid channelId");

        if (o.AuthenticationEnabled)
        {
            var failure = await authenticator.ValidateAsync(authorization, activity, http.RequestAborted);
            if (failure is not null) return Refuse(logger, 401, failure);
        }
        else if (!connector.IsAllowed(activity.ServiceUrl))
        {
            return Refuse(logger, 403, "serviceUrl not allowed while authentication is off");
        }

        // The embedded Direct Line delivers its activities in-process; nothing posted here may speak for one of its
        // conversations (its ids are the bare conversation keys). Open mode has no Direct Line of its own to serve.
        if (activity.ChannelId == ConversationKey.EmbeddedChannelId
            && (!o.AuthenticationEnabled || await directLine.FindAsync(activity.Conversation.Id) is not null))
            return Refuse(logger, 403, "activity names a conversation of the embedded Direct Line channel");

        using var lease = limits.Acquire(TrafficPolicies.BotMessages, ConversationKey.Of(activity));
        if (!lease.IsAcquired)
        {
            ProtocolLog.MessagesRefused(logger, 429, "too many activities in one conversation");
            return TrafficRegistration.TooManyRequests(http, lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1),
                "Too many activities in this conversation; slow down.");
        }

        if (activity.DeliveryMode == "expectReplies")
        {
            var buffer = new BufferedConnector();
            await adapter.ProcessAsync(activity, buffer, http.RequestAborted);
            return Results.Json(new { activities = buffer.Activities }, ProtocolJson.Options);
        }
        await adapter.ProcessAsync(activity, connector, http.RequestAborted);
        return Results.Ok();
    }

    private static IResult Refuse(ILogger logger, int status, string reason)
    {
        ProtocolLog.MessagesRefused(logger, status, reason);
        var (code, message) = status switch
        {
            401 => ("Unauthorized", "Authorization failed."),
            403 => ("Forbidden", reason),
            413 => ("MessageSizeTooBig", reason),
            _ => ("BadArgument", reason),
        };
        return Results.Json(ErrorResponse.Of(code, message), ProtocolJson.Options, statusCode: status);
    }
}
