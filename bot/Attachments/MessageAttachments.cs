using ChatSupport.Bot.Protocol;
using ChatSupport.HandoffContract;

namespace ChatSupport.Bot.Attachments;

/// <summary>
/// The stored files an activity carries, as the transcript and the dashboard see them: only attachments whose contentUrl names a
/// file of this conversation that is on record count (a client cannot slip someone else's file or an outside link into a transcript).
/// </summary>
public sealed class MessageAttachments(AttachmentStore store)
{
    public async Task<IReadOnlyList<AttachmentRef>?> OfAsync(Activity activity)
    {
        if (activity.Attachments is not { Count: > 0 } attachments || activity.Conversation?.Id is not { } conversationId) return null;
        var found = new List<AttachmentRef>();
        foreach (var attachment in attachments)
        {
            if (AttachmentLinks.AttachmentIdOf(attachment.ContentUrl, conversationId) is { } id && await store.FindAsync(conversationId, id) is { } file)
                found.Add(file);
        }
        return found.Count > 0 ? found : null;
    }
}
