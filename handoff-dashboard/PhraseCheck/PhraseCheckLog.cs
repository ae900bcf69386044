namespace ChatSupport.HandoffDashboard.PhraseCheck;

internal static partial class PhraseCheckLog
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Seeded {Count} forbidden phrases")]
    public static partial void Seeded(ILogger logger, int count);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Error, Message = "Could not seed the forbidden phrases")]
    public static partial void SeedFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "Forbidden-phrase list replaced by {UserId}: {Count} phrases")]
    public static partial void ListReplaced(ILogger logger, string userId, int count);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Information, Message = "Agent {AgentId} sent a draft with {Count} flagged phrases")]
    public static partial void WarnedSend(ILogger logger, string agentId, int count);
}
