namespace ChatSupport.Bot.Attachments;

/// <summary>Why a file was refused; each maps to one Direct Line status and one line for the shopper (<see cref="AttachmentWording"/>).</summary>
public enum AttachmentProblem
{
    None,
    /// <summary>Larger than Attachments:MaxFileBytes (413).</summary>
    TooLarge,
    /// <summary>More files than Attachments:MaxFilesPerMessage (413).</summary>
    TooMany,
    /// <summary>Not JPEG, PNG, WebP, HEIC or PDF (415).</summary>
    UnsupportedType,
    /// <summary>Named or declared as one type, but the bytes are another (415).</summary>
    ContentMismatch,
    /// <summary>Starts like an image (or PDF) but does not decode (400).</summary>
    Broken,
    /// <summary>An empty file or no file at all (400).</summary>
    Empty,
}

/// <summary>A file as it will be stored: what it really is, its bytes with metadata stripped, and a thumbnail for images.</summary>
public sealed record CheckedFile(
    string Name,
    string ContentType,
    byte[] Content,
    byte[]? Thumbnail,
    int? Width,
    int? Height);

/// <summary>The outcome of checking one file.</summary>
public sealed record AttachmentCheck(AttachmentProblem Problem, CheckedFile? File, string? Detail = null)
{
    public bool Accepted => Problem == AttachmentProblem.None;

    public static AttachmentCheck Refused(AttachmentProblem problem, string detail) => new(problem, null, detail);
}
