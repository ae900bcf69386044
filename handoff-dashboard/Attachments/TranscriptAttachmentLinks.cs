using ChatSupport.HandoffContract;
using Microsoft.Extensions.Options;

namespace ChatSupport.HandoffDashboard.Attachments;

/// <summary>Fills in fresh signed URLs of the files in transcript lines as they are served to an agent (stored lines hold none).</summary>
public sealed class TranscriptAttachmentLinks(IOptions<AttachmentLinkOptions> options, TimeProvider clock)
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

    public HandoffEvent Sign(HandoffEvent evt)
    {
        if (_signer is null || evt.Attachments is not { Count: > 0 }) return evt;
        var expiresAt = clock.GetUtcNow().AddMinutes(options.Value.UrlLifetimeMinutes);
        return evt with { Attachments = evt.Attachments.Select(a => _signer.WithUrls(a, options.Value.BotPublicUrl!, evt.ConversationId, expiresAt)).ToList() };
    }
}
