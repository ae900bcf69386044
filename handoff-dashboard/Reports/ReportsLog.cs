namespace ChatSupport.HandoffDashboard.Reports;

internal static partial class ReportsLog
{
    [LoggerMessage(EventId = 6100, Level = LogLevel.Information, Message = "Report ingest started as consumer {Consumer} of group {Group}")]
    public static partial void IngestStarted(ILogger logger, string consumer, string group);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Unreadable handoff event {EntryId} on {Stream}; acknowledged and skipped")]
    public static partial void UnreadableEvent(ILogger logger, string stream, string entryId, Exception exception);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Error, Message = "Handoff event {EntryId} on {Stream} could not be processed; it stays pending and is retried")]
    public static partial void EventFailed(ILogger logger, string stream, string entryId, Exception exception);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Error, Message = "Report ingest loop failed; retrying")]
    public static partial void LoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Information, Message = "Claimed {Count} stale entries on {Stream}")]
    public static partial void Claimed(ILogger logger, string stream, int count);
}
