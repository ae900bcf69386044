namespace ChatSupport.HandoffDashboard.Bus;

internal static partial class BusLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Information, Message = "Reading stream {Stream} after {EntryId}")]
    public static partial void Reading(ILogger logger, string stream, string entryId);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "Stream {Stream} unreadable (Redis down?); retrying")]
    public static partial void ReadFailed(ILogger logger, Exception exception, string stream);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Error, Message = "Event {EntryId} on {Stream} could not be handled; skipped")]
    public static partial void HandleFailed(ILogger logger, Exception exception, string stream, string entryId);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning, Message = "Typing signal could not be handled")]
    public static partial void TypingFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Warning, Message = "Channel {Channel} not subscribed yet (Redis down?); the client subscribes once it connects, the streams are polled meanwhile")]
    public static partial void SubscribeDeferred(ILogger logger, Exception exception, string channel);
}
