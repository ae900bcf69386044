namespace ChatSupport.HandoffContract;

/// <summary>One line of a conversation's transcript as agents see it.</summary>
/// <param name="ActivityId">The Direct Line activity id (conversationId|0000007).</param>
/// <param name="Sender">customer, bot, agent or system.</param>
/// <param name="SenderName">Display name (agent's name for agent lines).</param>
/// <param name="Text">Plain text as typed; never HTML. Empty for a message that is only files.</param>
/// <param name="Attachments">Files sent with the line (photos, PDFs); null when none. Stored without URLs: the reader signs them.</param>
public sealed record TranscriptEntry(
    string ActivityId,
    DateTimeOffset Timestamp,
    string Sender,
    string? SenderName,
    string Text,
    IReadOnlyList<AttachmentRef>? Attachments = null);

public static class TranscriptSenders
{
    public const string Customer = "customer";
    public const string Bot = "bot";
    public const string Agent = "agent";
    public const string System = "system";
}
