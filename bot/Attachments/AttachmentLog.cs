namespace ChatSupport.Bot.Attachments;

internal static partial class AttachmentLog
{
    [LoggerMessage(EventId = 2401, Level = LogLevel.Information, Message = "Upload to {ConversationId} refused ({Problem}): {Detail}")]
    public static partial void Refused(ILogger logger, string conversationId, string problem, string detail);

    [LoggerMessage(EventId = 2402, Level = LogLevel.Debug, Message = "{Count} attachment(s) stored for {ConversationId}")]
    public static partial void Stored(ILogger logger, string conversationId, int count);

    [LoggerMessage(EventId = 2403, Level = LogLevel.Information, Message = "Attachments of {ConversationId} deleted with the conversation ({Kept} kept for complaints)")]
    public static partial void Swept(ILogger logger, string conversationId, int kept);

    [LoggerMessage(EventId = 2404, Level = LogLevel.Warning, Message = "Attachment sweep failed; trying again later")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2405, Level = LogLevel.Warning, Message = "Attachments:SigningKey is not set: attachment URLs are signed with a key derived from the Direct Line secret, which the dashboard does not have (agents see file names without pictures)")]
    public static partial void DerivedSigningKey(ILogger logger);
}
