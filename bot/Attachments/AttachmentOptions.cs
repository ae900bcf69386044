using System.ComponentModel.DataAnnotations;

namespace ChatSupport.Bot.Attachments;

/// <summary>Section "Attachments": files shoppers upload through Direct Line and agents send from the dashboard.</summary>
public sealed class AttachmentOptions
{
    public const string SectionName = "Attachments";

    /// <summary>Largest file accepted (bytes, default 10 MB); larger answers 413.</summary>
    [Range(1024, 100L * 1024 * 1024)]
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Files one message may carry (default 5).</summary>
    [Range(1, 20)]
    public int MaxFilesPerMessage { get; set; } = 5;

    /// <summary>
    /// Key that signs attachment URLs (<see cref="ChatSupport.HandoffContract.AttachmentUrlSigner"/>); the dashboard needs the
    /// same one to show agents the files. Unset: derived from the Direct Line token signing key (then the dashboard shows names only).
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>The bot's address as shoppers' browsers reach it, for links in messages sent outside a request (agents' files); unset = the embedded Direct Line's own.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How long a signed URL works (minutes, default 60).</summary>
    [Range(1, 24 * 60)]
    public int UrlLifetimeMinutes { get; set; } = 60;

    /// <summary>Longest side of a thumbnail (pixels).</summary>
    [Range(64, 1024)]
    public int ThumbnailPixels { get; set; } = 320;

    /// <summary>Images wider or taller than this are refused (decompression bombs).</summary>
    [Range(256, 30000)]
    public int MaxImagePixelsPerSide { get; set; } = 12000;

    /// <summary><c>folder</c> (default) or <c>s3</c>.</summary>
    public string Storage { get; set; } = "folder";

    /// <summary>The folder of the folder storage; default <c>.data/attachments</c> under the working directory (run.sh's data directory).</summary>
    public string? Folder { get; set; }

    public S3StorageOptions S3 { get; set; } = new();
}

/// <summary>Attachments:S3: an S3-compatible object store (AWS, MinIO, s3rver...), for several bot instances.</summary>
public sealed class S3StorageOptions
{
    /// <summary>Endpoint, e.g. http://127.0.0.1:9000 for MinIO; unset = AWS in <see cref="Region"/>.</summary>
    public string? ServiceUrl { get; set; }
    public string Region { get; set; } = "us-east-1";
    public string Bucket { get; set; } = "chatsupport-attachments";
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }
    /// <summary>Path-style addressing (bucket in the path), which MinIO and s3rver need; default true when <see cref="ServiceUrl"/> is set.</summary>
    public bool? ForcePathStyle { get; set; }
    /// <summary>Key prefix inside the bucket.</summary>
    public string Prefix { get; set; } = "attachments/";
}
