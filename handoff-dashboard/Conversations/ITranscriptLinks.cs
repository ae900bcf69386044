using ChatSupport.HandoffContract;

namespace ChatSupport.HandoffDashboard.Conversations;

/// <summary>
/// Fresh signed URLs for the files in transcript lines as they are served to an agent. Implemented by Attachments
/// (TranscriptAttachmentLinks), which also sends agents' files through the conversation: Conversations does not depend on it.
/// </summary>
public interface ITranscriptLinks
{
    IReadOnlyList<TranscriptEntry> Sign(string conversationId, IReadOnlyList<TranscriptEntry> entries);
}
