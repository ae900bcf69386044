using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.Protocol;

/// <summary>POST /api/messages: activities from a Bot Framework channel (Emulator, Azure Bot Service).</summary>
public static class MessagesEndpoint
{
    public static void MapBotMessages(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<BotFrameworkOptions>>().Value;
        if (!options.AuthenticationEnabled) ProtocolLog.RunningOpen(app.Services.GetRequiredService<ILogger<BotAdapter>>());
        app.MapPost("/api/messages", HandleAsync);
        app.MapMethods("/api/messages", ["GET", "PUT", "DELETE", "PATCH"], () => Results.StatusCode(StatusCodes.Status405MethodNotAllowed));
    }

    private static async Task<IResult> HandleAsync(
        HttpContext http, BotAdapter adapter, HttpConnectorClient connector, BotFrameworkAuthenticator authenticator,
        IOptions<BotFrameworkOptions> options, ILogger<BotAdapter> logger)
    {
        var o = options.Value;
        if (http.Request.ContentLength > o.MaxActivityBytes) return Refuse(logger, 413, "activity too large");
        Activity? activity;
        try
        {
            activity = await JsonSerializer.DeserializeAsync<Activity>(http.Request.Body, ProtocolJson.Options, http.RequestAborted);
        }
        catch (JsonException)
        {
            return Refuse(logger, 400, "malformed JSON");
        }
        if (activity is null || string.IsNullOrWhiteSpace(activity.Type)) return Refuse(logger, 400, "activity without type");
        if (activity.Conversation?.Id is null || string.IsNullOrEmpty(activity.ServiceUrl))
            return Refuse(logger, 400, "activity without conversation or serviceUrl");

        var authorization = http.Request.Headers.Authorization.ToString();
        if (o.AuthenticationEnabled || !string.IsNullOrEmpty(authorization))
        {
            // Like the SDK: a token that is present is always checked, even when auth is off.
            if (o.AuthenticationEnabled || authorization.StartsWith("Bearer ", StringComparison.Ordinal))
            {
                var failure = o.AuthenticationEnabled
                    ? await authenticator.ValidateAsync(authorization, activity, http.RequestAborted)
                    : null;
                if (failure is not null) return Refuse(logger, 401, failure);
            }
        }
        else if (!connector.IsAllowed(activity.ServiceUrl))
        {
            return Refuse(logger, 403, "serviceUrl not allowed while authentication is off");
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
        return Results.Json(ErrorResponse.Of(status == 401 ? "Unauthorized" : "BadArgument",
            status == 401 ? "Authorization failed." : reason), ProtocolJson.Options, statusCode: status);
    }
}
