using ChatSupport.HandoffContract;

namespace ChatSupport.Bot.Handoff;

internal static partial class HandoffLog
{
    [LoggerMessage(4001, LogLevel.Information, "Conversation {ConversationId} escalated ({Reason})")]
    public static partial void Escalated(ILogger logger, string conversationId, HandoffReason reason);

    [LoggerMessage(4002, LogLevel.Information, "Conversation {ConversationId}: no agent on duty, offering to leave a message")]
    public static partial void OfferedLeaveMessage(ILogger logger, string conversationId);

    [LoggerMessage(4003, LogLevel.Information, "This instance now relays the dashboard's events")]
    public static partial void BecameRelayLeader(ILogger logger);

    [LoggerMessage(4004, LogLevel.Warning, "Relay could not deliver event {StreamId} for conversation {ConversationId} yet; it stays queued and is retried")]
    public static partial void RelayFailed(ILogger logger, Exception exception, string streamId, string conversationId);

    [LoggerMessage(4005, LogLevel.Warning, "Relay loop error; retrying")]
    public static partial void RelayLoopError(ILogger logger, Exception exception);

    [LoggerMessage(4006, LogLevel.Warning, "No conversation reference for {ConversationId}; event {StreamId} skipped")]
    public static partial void NoReference(ILogger logger, string conversationId, string streamId);

    [LoggerMessage(4007, LogLevel.Warning, "Malformed event {StreamId} on the to-bot stream skipped")]
    public static partial void MalformedEvent(ILogger logger, Exception exception, string streamId);

    [LoggerMessage(4008, LogLevel.Information, "Relay delivered event {StreamId} for conversation {ConversationId} on a retry")]
    public static partial void RelayRetried(ILogger logger, string streamId, string conversationId);
}
