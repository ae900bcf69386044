using System.Security.Cryptography;
using System.Text;

namespace ChatSupport.HandoffContract;

/// <summary>Which stored form of an attachment a URL names.</summary>
public static class AttachmentVariants
{
    public const string File = "file";
    public const string Thumbnail = "thumbnail";
}

/// <summary>
/// Signed, expiring URLs of attachments, scoped to their conversation. The bot serves
/// <c>/attachments/{conversationId}/{attachmentId}/{variant}?e={expiresUnix}&amp;s={signature}</c>; the signature is the
/// lowercase hex HMAC-SHA256, keyed with <c>Attachments:SigningKey</c> (UTF-8), of
/// <c>conversationId + "\n" + attachmentId + "\n" + variant + "\n" + expiresUnix</c>. The bot and the dashboard
/// share the key, so the dashboard can hand agents URLs without asking the bot; a URL minted for one conversation
/// does not open another's files (the conversation is signed), and none opens anything after it expires.
/// </summary>
public sealed class AttachmentUrlSigner(byte[] key)
{
    public const string PathPrefix = "/attachments/";

    public static AttachmentUrlSigner FromSecret(string secret) => new(Encoding.UTF8.GetBytes(secret));

    public string Signature(string conversationId, string attachmentId, string variant, long expiresUnix)
    {
        var text = $"{conversationId}\n{attachmentId}\n{variant}\n{expiresUnix}";
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>The path and query (no host) of a signed URL valid until <paramref name="expiresAt"/>.</summary>
    public string PathAndQuery(string conversationId, string attachmentId, string variant, DateTimeOffset expiresAt)
    {
        var expires = expiresAt.ToUnixTimeSeconds();
        return $"{PathPrefix}{Uri.EscapeDataString(conversationId)}/{Uri.EscapeDataString(attachmentId)}/{variant}" +
               $"?e={expires}&s={Signature(conversationId, attachmentId, variant, expires)}";
    }

    /// <summary>A full URL on <paramref name="baseUrl"/> (the bot as the reader reaches it, e.g. http://127.0.0.1:5000/).</summary>
    public string Url(string baseUrl, string conversationId, string attachmentId, string variant, DateTimeOffset expiresAt) =>
        baseUrl.TrimEnd('/') + PathAndQuery(conversationId, attachmentId, variant, expiresAt);

    /// <summary>True when the signature is right for this conversation, attachment and variant and <paramref name="now"/> is before the expiry.</summary>
    public bool IsValid(string conversationId, string attachmentId, string variant, string? expires, string? signature, DateTimeOffset now)
    {
        if (!long.TryParse(expires, out var expiresUnix) || string.IsNullOrEmpty(signature)) return false;
        if (now.ToUnixTimeSeconds() >= expiresUnix) return false;
        var expected = Encoding.ASCII.GetBytes(Signature(conversationId, attachmentId, variant, expiresUnix));
        var given = Encoding.ASCII.GetBytes(signature.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>
    /// The attachment id in a URL of ours (<c>{any host}/attachments/{conversationId}/{id}/file</c>) for this conversation, signature
    /// not checked (callers look the id up or re-sign it for the same conversation); null for anything else.
    /// </summary>
    public static string? FileIdOf(string? contentUrl, string conversationId)
    {
        if (contentUrl is null || !Uri.TryCreate(contentUrl, UriKind.Absolute, out var uri)) return null;
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length != 4 || segments[0] != PathPrefix.Trim('/')) return null;
        if (Uri.UnescapeDataString(segments[1]) != conversationId || segments[3] != AttachmentVariants.File) return null;
        var id = Uri.UnescapeDataString(segments[2]);
        return id is { Length: > 0 and <= 64 } && id.All(char.IsAsciiLetterOrDigit) ? id : null;
    }

    /// <summary>Fills in the signed URLs of served attachments.</summary>
    public AttachmentRef WithUrls(AttachmentRef attachment, string baseUrl, string conversationId, DateTimeOffset expiresAt) => attachment with
    {
        Url = Url(baseUrl, conversationId, attachment.Id, AttachmentVariants.File, expiresAt),
        ThumbnailUrl = attachment.HasThumbnail ? Url(baseUrl, conversationId, attachment.Id, AttachmentVariants.Thumbnail, expiresAt) : null,
    };
}
