namespace ChatSupport.Bot.Protocol;

internal static partial class ProtocolLog
{
    [LoggerMessage(2001, LogLevel.Error, "Turn failed for activity {ActivityId} of type {ActivityType}")]
    public static partial void TurnFailed(ILogger logger, Exception exception, string? activityId, string? activityType);

    [LoggerMessage(2002, LogLevel.Error, "Could not tell the shopper that turn {ActivityId} failed")]
    public static partial void ApologyFailed(ILogger logger, Exception exception, string? activityId);

    [LoggerMessage(2003, LogLevel.Warning, "State write lost a race in turn {ActivityId}; the other writer's state is kept")]
    public static partial void StateConflict(ILogger logger, Exception exception, string? activityId);

    [LoggerMessage(2004, LogLevel.Warning, "/api/messages refused: {Status} {Reason}")]
    public static partial void MessagesRefused(ILogger logger, int status, string reason);

    [LoggerMessage(2005, LogLevel.Warning, "No BotFramework:MicrosoftAppId configured: /api/messages accepts unauthenticated requests from this machine only (Emulator mode; BotFramework:AllowAnonymousRemote opens it) and replies only to loopback and BotFramework:AllowedServiceUrls")]
    public static partial void RunningOpen(ILogger logger);

    [LoggerMessage(2011, LogLevel.Warning, "No BotFramework:MicrosoftAppId configured and BotFramework:AllowAnonymousRemote is on: /api/messages accepts unauthenticated requests from ANY address and replies only to loopback and BotFramework:AllowedServiceUrls")]
    public static partial void RunningOpenToAnyAddress(ILogger logger);

    [LoggerMessage(2006, LogLevel.Error, "Connector call to {Url} failed with {Status}")]
    public static partial void ConnectorFailed(ILogger logger, string url, int status);

    [LoggerMessage(2007, LogLevel.Warning, "Turn of message {ActivityId} in {ConversationId} deferred ({Why}); it runs again shortly")]
    public static partial void TurnDeferred(ILogger logger, string? activityId, string conversationId, string why);

    [LoggerMessage(2008, LogLevel.Information, "Deferred turn of message {ActivityId} in {ConversationId} done")]
    public static partial void DeferredTurnDone(ILogger logger, string? activityId, string conversationId);

    [LoggerMessage(2009, LogLevel.Warning, "Deferred turn of message {ActivityId} in {ConversationId} failed again (attempt {Attempts})")]
    public static partial void DeferredTurnFailed(ILogger logger, Exception exception, string? activityId, string conversationId, long attempts);

    [LoggerMessage(2010, LogLevel.Warning, "Deferred turn loop error; retrying")]
    public static partial void DeferredLoopError(ILogger logger, Exception exception);
}
