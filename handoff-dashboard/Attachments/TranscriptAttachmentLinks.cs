using ChatSupport.HandoffContract;
using Microsoft.Extensions.Options;

namespace ChatSupport.HandoffDashboard.Attachments;

/// <summary>
/// Fills in fresh signed URLs of the files in transcript lines and intake summaries as they are served to an agent (stored records
/// hold none: a stored URL would stop working after Attachments:UrlLifetimeMinutes, and an agent may open the chat hours later).
/// </summary>
public sealed class TranscriptAttachmentLinks(IOptions<AttachmentLinkOptions> options, TimeProvider clock) : Conversations.ITranscriptLinks
{
    private readonly AttachmentUrlSigner? _signer = options.Value.IsConfigured ? AttachmentUrlSigner.FromSecret(options.Value.SigningKey!) : null;

    public IReadOnlyList<TranscriptEntry> Sign(string conversationId, IReadOnlyList<TranscriptEntry> entries)
    {
        if (_signer is null || entries.All(e => e.Attachments is null)) return entries;
        var expiresAt = clock.GetUtcNow().AddMinutes(options.Value.UrlLifetimeMinutes);
        return entries.Select(e => e.Attachments is null ? e : e with
        {
            Attachments = e.Attachments.Select(a => _signer.WithUrls(a, options.Value.BotPublicUrl!, conversationId, expiresAt)).ToList(),
        }).ToList();
    }

    /// <summary>Files of one conversation (a complaint's evidence) with fresh signed URLs; unchanged without a signing key.</summary>
    public IReadOnlyList<AttachmentRef> Sign(string conversationId, IReadOnlyList<AttachmentRef> attachments)
    {
        if (_signer is null || attachments.Count == 0) return attachments;
        var expiresAt = clock.GetUtcNow().AddMinutes(options.Value.UrlLifetimeMinutes);
        return attachments.Select(a => _signer.WithUrls(a, options.Value.BotPublicUrl!, conversationId, expiresAt)).ToList();
    }

    public HandoffEvent Sign(HandoffEvent evt)
    {
        if (_signer is null || evt.Attachments is not { Count: > 0 }) return evt;
        var expiresAt = clock.GetUtcNow().AddMinutes(options.Value.UrlLifetimeMinutes);
        return evt with { Attachments = evt.Attachments.Select(a => _signer.WithUrls(a, options.Value.BotPublicUrl!, evt.ConversationId, expiresAt)).ToList() };
    }

    /// <summary>The summary with fresh signed URLs of the bot's files among its photos (links from elsewhere stay as they are).</summary>
    public IntakeSummary Sign(IntakeSummary summary)
    {
        if (_signer is null || summary.Photos.Count == 0) return summary;
        var expiresAt = clock.GetUtcNow().AddMinutes(options.Value.UrlLifetimeMinutes);
        return summary with
        {
            Photos = summary.Photos.Select(p => p.WithSignedUrls(_signer, options.Value.BotPublicUrl!, summary.ConversationId, expiresAt)).ToList(),
        };
    }
}
