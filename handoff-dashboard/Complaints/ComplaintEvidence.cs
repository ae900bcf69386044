using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Attachments;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.Complaints;

/// <summary>
/// The chat photos and files a complaint keeps as evidence. Retention rule: a complaint records its files by attachment id and pins them
/// (<see cref="AttachmentPins"/>, key <see cref="AttachmentKeys.Pins"/>), so the bot's sweeper does not delete them with their conversation
/// (Handoff:TranscriptRetentionDays); they are deleted when the complaint is (a supervisor deletes it, or it expires under
/// Complaints:RetentionDays, see <see cref="ComplaintRetention"/>). URLs are never stored: they are signed when the complaint is served,
/// and only to callers who may see the complaint's chat lines (the endpoint strips the excerpt for others before signing).
/// </summary>
public sealed class ComplaintEvidence(IConnectionMultiplexer redis, TranscriptAttachmentLinks links, TimeProvider clock)
{
    /// <summary>Pins the excerpt's files for the complaint; lines keep only files that are still on record (pinned), the rest are dropped.</summary>
    public async Task<IReadOnlyList<ExcerptLine>> PinAsync(string complaintId, string conversationId, IReadOnlyList<ExcerptLine> excerpt)
    {
        var ids = excerpt.SelectMany(l => l.Attachments ?? []).Select(a => a.Id).Where(IsValidId).Distinct().ToList();
        if (ids.Count == 0) return excerpt.Select(l => l.Attachments is null ? l : l with { Attachments = null }).ToList();
        var pinned = (await AttachmentPins.PinAsync(redis.GetDatabase(), conversationId, complaintId, ids)).ToHashSet();
        return excerpt.Select(l => l.Attachments is null ? l : l with
        {
            Attachments = l.Attachments.Where(a => pinned.Contains(a.Id)).ToList() is { Count: > 0 } kept ? kept : null,
        }).ToList();
    }

    /// <summary>Lets go of the complaint's files (it is being deleted): the bot's sweeper deletes them unless their chat or another complaint still holds them.</summary>
    public Task UnpinAsync(Complaint complaint) =>
        complaint.ConversationId is null
            ? Task.CompletedTask
            : AttachmentPins.UnpinAsync(redis.GetDatabase(), complaint.ConversationId, complaint.Id, complaint.Attachments().Select(a => a.Id), clock.GetUtcNow());

    /// <summary>The complaint with fresh signed URLs on its files (scoped to its conversation, valid for Attachments:UrlLifetimeMinutes).</summary>
    public Complaint Sign(Complaint complaint)
    {
        if (complaint.ConversationId is null || !complaint.Attachments().Any()) return complaint;
        return complaint with
        {
            TranscriptExcerpt = complaint.TranscriptExcerpt.Select(l => l.Attachments is null ? l : l with
            {
                Attachments = links.Sign(complaint.ConversationId, l.Attachments),
            }).ToList(),
        };
    }

    private static bool IsValidId(string? id) => id is { Length: > 0 and <= 64 } && id.All(char.IsAsciiLetterOrDigit);
}
