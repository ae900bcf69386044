using System.Security.Cryptography;
using System.Text;
using ChatSupport.Bot.DirectLine;
using ChatSupport.Bot.Protocol;
using ChatSupport.HandoffContract;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.Attachments;

/// <summary>Signed URLs of this bot's attachments, and the protocol attachments that carry them.</summary>
public sealed class AttachmentLinks
{
    private readonly TimeProvider _clock;
    private readonly TimeSpan _lifetime;

    public AttachmentUrlSigner Signer { get; }

    public AttachmentLinks(IOptions<AttachmentOptions> options, IOptions<DirectLineOptions> directLine, TimeProvider clock, ILogger<AttachmentLinks> logger)
    {
        _clock = clock;
        _lifetime = TimeSpan.FromMinutes(options.Value.UrlLifetimeMinutes);
        _publicBaseUrl = string.IsNullOrEmpty(options.Value.PublicBaseUrl) ? null : options.Value.PublicBaseUrl.TrimEnd('/');
        var o = options.Value;
        var dl = directLine.Value;
        // Derived keys stay per purpose: an attachment signature is never a Direct Line token signature.
        var key = !string.IsNullOrEmpty(o.SigningKey) ? Encoding.UTF8.GetBytes(o.SigningKey)
            : !string.IsNullOrEmpty(dl.TokenSigningKey ?? dl.Secret) ? HMACSHA256.HashData(Encoding.UTF8.GetBytes(dl.TokenSigningKey ?? dl.Secret!), "chatsupport-attachment-urls"u8)
            : RandomNumberGenerator.GetBytes(32);
        if (string.IsNullOrEmpty(o.SigningKey)) AttachmentLog.DerivedSigningKey(logger);
        Signer = new AttachmentUrlSigner(key);
    }

    public DateTimeOffset ExpiresAt => _clock.GetUtcNow() + _lifetime;

    private readonly string? _publicBaseUrl;

    /// <summary>
    /// Where readers reach this bot, for links made outside a request (an agent's file relayed into the chat): Attachments:PublicBaseUrl,
    /// else the embedded Direct Line's service URL (the bot's own address as the shopper's browser used it).
    /// </summary>
    public string PublicBaseUrl(Activity activity) =>
        _publicBaseUrl ?? (activity.ChannelId == EmbeddedDirectLineConnector.ChannelId ? activity.ServiceUrl?.TrimEnd('/') : null) ?? "http://127.0.0.1:5000";

    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    /// <summary>The attachment as an activity carries it: contentUrl (and thumbnailUrl) signed for its conversation.</summary>
    public Attachment ToActivityAttachment(string baseUrl, string conversationId, AttachmentRef file)
    {
        var signed = Signer.WithUrls(file, baseUrl, conversationId, ExpiresAt);
        return new Attachment { ContentType = file.ContentType, ContentUrl = signed.Url, Name = file.Name, ThumbnailUrl = signed.ThumbnailUrl };
    }

    /// <summary>
    /// The attachment id behind a contentUrl of ours for this conversation (signature not checked: the caller looks the id up
    /// in the conversation's records, so a URL naming another conversation or an unknown file yields nothing).
    /// </summary>
    public static string? AttachmentIdOf(string? contentUrl, string conversationId) =>
        AttachmentUrlSigner.FileIdOf(contentUrl, conversationId) is { } id && AttachmentStore.IsValidId(id) ? id : null;
}
