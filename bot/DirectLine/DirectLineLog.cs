namespace ChatSupport.Bot.DirectLine;

internal static partial class DirectLineLog
{
    [LoggerMessage(1001, LogLevel.Warning, "No DirectLine:Secret or DirectLine:TokenSigningKey configured: tokens are signed with a random key and only this instance accepts them")]
    public static partial void RandomSigningKey(ILogger logger);

    [LoggerMessage(1002, LogLevel.Information, "Direct Line conversation {ConversationId} started")]
    public static partial void ConversationStarted(ILogger logger, string conversationId);

    [LoggerMessage(1003, LogLevel.Warning, "Direct Line request refused: {Status} {Code} (conversation {ConversationId})")]
    public static partial void Refused(ILogger logger, int status, string code, string? conversationId);

    [LoggerMessage(1004, LogLevel.Information, "Direct Line stream opened for conversation {ConversationId} after watermark {Watermark}")]
    public static partial void StreamOpened(ILogger logger, string conversationId, long watermark);

    [LoggerMessage(1005, LogLevel.Information, "Direct Line stream closed for conversation {ConversationId}")]
    public static partial void StreamClosed(ILogger logger, string conversationId);

    [LoggerMessage(1006, LogLevel.Warning, "Direct Line stream push failed for conversation {ConversationId}")]
    public static partial void PushFailed(ILogger logger, Exception exception, string conversationId);

    [LoggerMessage(1007, LogLevel.Error, "Bot turn failed or timed out for activity {ActivityId}")]
    public static partial void BotFailed(ILogger logger, Exception exception, string activityId);

    [LoggerMessage(1009, LogLevel.Information, "Direct Line stream of conversation {ConversationId} closed: its token expired")]
    public static partial void StreamTokenExpired(ILogger logger, string conversationId);

    [LoggerMessage(1008, LogLevel.Warning, "Direct Line wake-up handling failed")]
    public static partial void WakeUpFailed(ILogger logger, Exception exception);
}
