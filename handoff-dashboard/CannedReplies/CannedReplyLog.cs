namespace ChatSupport.HandoffDashboard.CannedReplies;

internal static partial class CannedReplyLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Canned reply index loaded: {Count} items")]
    public static partial void IndexLoaded(ILogger logger, int count);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "Could not refresh the canned reply index")]
    public static partial void RefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Seeded {Count} default canned replies")]
    public static partial void Seeded(ILogger logger, int count);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Error, Message = "Could not seed the default canned replies")]
    public static partial void SeedFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "Imported {Count} canned replies for {UserId}")]
    public static partial void Imported(ILogger logger, int count, string userId);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Knowledge test call to the bot failed; reply assist returns canned replies only")]
    public static partial void KnowledgeUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Warning, Message = "Accept greeting for conversation {ConversationId} has unfilled variables; the safe default greeting is used")]
    public static partial void GreetingUnfilled(ILogger logger, string conversationId);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Warning, Message = "Bad change message on the canned reply channel")]
    public static partial void BadChangeMessage(ILogger logger, Exception exception);
}
