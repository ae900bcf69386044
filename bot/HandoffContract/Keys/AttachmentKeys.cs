namespace ChatSupport.HandoffContract;

/// <summary>
/// Redis keys of shopper and agent attachments (files live in the attachment storage; Redis holds what they are).
/// Every key of one conversation carries the hash tag <c>{conv:&lt;conversationId&gt;}</c>, so the script that records
/// an attachment and the one that deletes a conversation's attachments touch one cluster slot.
/// </summary>
public static class AttachmentKeys
{
    private static string Tag(string conversationId) => "{conv:" + conversationId + "}";

    /// <summary>Hash: one attachment's record (<see cref="AttachmentRecordFields"/>): name, content type, size, storage keys.</summary>
    public static string Attachment(string conversationId, string attachmentId) =>
        $"{HandoffKeys.Prefix}attachment:{Tag(conversationId)}:{attachmentId}";

    /// <summary>Set of a conversation's attachment ids, for deleting them with the conversation.</summary>
    public static string ConversationAttachments(string conversationId) =>
        $"{HandoffKeys.Prefix}attachments:{Tag(conversationId)}";

    /// <summary>
    /// Set of a conversation's pinned attachments, members <c>{attachmentId}/{complaintId}</c> (<see cref="AttachmentPins"/>): a file a
    /// complaint keeps as evidence outlives its conversation and goes when the last complaint pinning it is deleted. Same
    /// <c>{conv:&lt;id&gt;}</c> tag as the records and the conversation's set, so pinning and the sweeper's delete are one script each.
    /// </summary>
    public static string Pins(string conversationId) =>
        $"{HandoffKeys.Prefix}attachment-pins:{Tag(conversationId)}";

    /// <summary>
    /// Sorted set of conversation ids that have attachments, scored by when (unix seconds) their files are due for deletion:
    /// the bot's sweeper deletes a due conversation's files once its transcript is gone (retention), or looks again later.
    /// Read and written alone (no multi-key command), so it needs no hash tag.
    /// </summary>
    public const string SweepIndex = HandoffKeys.Prefix + "attachments:sweep";
}
