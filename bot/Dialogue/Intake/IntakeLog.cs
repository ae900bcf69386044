namespace ChatSupport.Bot.Dialogue.Intake;

internal static partial class IntakeLog
{
    [LoggerMessage(3101, LogLevel.Information, "Intake in {ConversationId}: asked for {Step}")]
    public static partial void Asked(ILogger logger, string conversationId, IntakeStep step);

    [LoggerMessage(3102, LogLevel.Information, "Intake in {ConversationId} ended ({Outcome}); handing over as {Reason}")]
    public static partial void HandedOver(ILogger logger, string conversationId, string outcome, string reason);

    [LoggerMessage(3103, LogLevel.Warning, "Intake stall check for {ConversationId} failed; retried shortly")]
    public static partial void StallCheckFailed(ILogger logger, Exception exception, string conversationId);

    [LoggerMessage(3104, LogLevel.Warning, "Store connector unavailable during the intake in {ConversationId} ({Failure}); going on without the orders")]
    public static partial void ConnectorUnavailable(ILogger logger, string conversationId, string failure);
}
