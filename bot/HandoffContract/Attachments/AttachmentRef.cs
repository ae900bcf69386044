using System.Text.Json.Serialization;

namespace ChatSupport.HandoffContract;

/// <summary>
/// A file a shopper or an agent sent, as transcripts and stream events carry it. The file itself is in the bot's
/// attachment storage; readers get it only through a signed URL (<see cref="AttachmentUrlSigner"/>), which is never
/// stored (it expires): <see cref="Url"/> and <see cref="ThumbnailUrl"/> are filled in by whoever serves the entry.
/// </summary>
/// <param name="Id">Attachment id, unique within its conversation (letters and digits).</param>
/// <param name="Name">File name as the sender gave it, cleaned (no path); plain text, never HTML.</param>
/// <param name="ContentType">What the content really is (checked), e.g. image/jpeg or application/pdf.</param>
/// <param name="Size">Bytes of the stored file (after metadata was stripped).</param>
/// <param name="HasThumbnail">True for images: a JPEG thumbnail exists.</param>
public sealed record AttachmentRef(
    string Id,
    string Name,
    string ContentType,
    long Size,
    bool HasThumbnail,
    int? Width = null,
    int? Height = null)
{
    /// <summary>Signed URL of the file; set when served, never stored.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Url { get; init; }

    /// <summary>Signed URL of the thumbnail (images only); set when served, never stored.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ThumbnailUrl { get; init; }

    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);
}

/// <summary>Fields of the <see cref="AttachmentKeys.Attachment"/> hash.</summary>
public static class AttachmentRecordFields
{
    public const string Name = "name";
    public const string ContentType = "contentType";
    public const string Size = "size";
    public const string HasThumbnail = "hasThumbnail";
    public const string Width = "width";
    public const string Height = "height";
    public const string CreatedAt = "createdAt";
    /// <summary>customer or agent.</summary>
    public const string SentBy = "sentBy";
}
