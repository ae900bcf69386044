namespace ChatSupport.HandoffDashboard.Search;

internal static partial class SearchLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Search index rebuilt from Redis: {Count} conversations in {Milliseconds} ms")]
    public static partial void Rebuilt(ILogger logger, int count, long milliseconds);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Search index feed failed on {Stream}; retrying")]
    public static partial void FeedFailed(ILogger logger, Exception exception, string stream);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Search index rebuild failed")]
    public static partial void RebuildFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "Search could not index conversation {ConversationId}")]
    public static partial void IndexFailed(ILogger logger, Exception exception, string conversationId);
}
