namespace ChatSupport.HandoffContract;

/// <summary>The accepted kinds of file, told apart by their first bytes (never by name or declared type alone).</summary>
public enum FileKind
{
    Unknown,
    Jpeg,
    Png,
    WebP,
    Heic,
    Pdf,
}

public static class FileSignature
{
    // HEIF brands phones write for HEIC pictures (the ftyp box's major or compatible brand). avif is not among them.
    private static readonly string[] HeicBrands = ["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"];

    public static FileKind Detect(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF) return FileKind.Jpeg;
        if (data.Length >= 8 && data[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return FileKind.Png;
        if (data.Length >= 12 && data[..4].SequenceEqual("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8)) return FileKind.WebP;
        if (data.Length >= 5 && data[..5].SequenceEqual("%PDF-"u8)) return FileKind.Pdf;
        if (data.Length >= 12 && data[4..8].SequenceEqual("ftyp"u8) && IsHeic(data)) return FileKind.Heic;
        return FileKind.Unknown;
    }

    private static bool IsHeic(ReadOnlySpan<byte> data)
    {
        var boxSize = (int)Math.Min(data.Length, (uint)(data[0] << 24 | data[1] << 16 | data[2] << 8 | data[3]));
        var major = System.Text.Encoding.ASCII.GetString(data[8..12]);
        if (major == "avif" || major == "avis") return false;
        if (HeicBrands.Contains(major)) return true;
        for (var i = 16; i + 4 <= boxSize; i += 4)
            if (HeicBrands.Contains(System.Text.Encoding.ASCII.GetString(data[i..(i + 4)]))) return true;
        return false;
    }

    /// <summary>What a file name's extension or a declared content type claims; Unknown when it claims nothing we know.</summary>
    public static FileKind Claimed(string? name, string? contentType)
    {
        var byType = contentType?.Split(';')[0].Trim().ToLowerInvariant() switch
        {
            "image/jpeg" or "image/jpg" or "image/pjpeg" => FileKind.Jpeg,
            "image/png" => FileKind.Png,
            "image/webp" => FileKind.WebP,
            "image/heic" or "image/heif" or "image/heic-sequence" or "image/heif-sequence" => FileKind.Heic,
            "application/pdf" => FileKind.Pdf,
            _ => FileKind.Unknown,
        };
        if (byType != FileKind.Unknown) return byType;
        return Path.GetExtension(name ?? "").ToLowerInvariant() switch
        {
            ".jpg" or ".jpeg" or ".jfif" => FileKind.Jpeg,
            ".png" => FileKind.Png,
            ".webp" => FileKind.WebP,
            ".heic" or ".heif" => FileKind.Heic,
            ".pdf" => FileKind.Pdf,
            _ => FileKind.Unknown,
        };
    }

    /// <summary>Whether the name or declared type claims some other kind of file than one of ours (e.g. .exe, text/html).</summary>
    public static bool ClaimsSomethingElse(string? name, string? contentType)
    {
        var type = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        var typeClaims = !string.IsNullOrEmpty(type) && type != "application/octet-stream";
        var ext = Path.GetExtension(name ?? "");
        return (typeClaims && Claimed(null, type) == FileKind.Unknown) || (ext.Length > 0 && Claimed(name, null) == FileKind.Unknown);
    }
}
