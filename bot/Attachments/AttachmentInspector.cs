using ChatSupport.HandoffContract;
using ImageMagick;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.Attachments;

/// <summary>
/// The upload checks: size, kind by content (<see cref="FileSignature"/>), the name and declared type agreeing with it, and for
/// images a full decode with the one decoder the bytes call for (never ImageMagick's own format guessing), then orientation
/// applied, every metadata profile (EXIF with GPS, XMP, IPTC) stripped, and a JPEG thumbnail made. HEIC is stored as JPEG:
/// browsers other than Safari cannot show it. PDFs are checked for their header and end marker and kept as sent.
/// </summary>
public sealed class AttachmentInspector(IOptions<AttachmentOptions> options)
{
    public AttachmentCheck Check(string? name, string? declaredType, byte[] data)
    {
        var o = options.Value;
        var cleanName = CleanName(name);
        if (data.Length == 0) return AttachmentCheck.Refused(AttachmentProblem.Empty, $"{cleanName} is empty.");
        if (data.Length > o.MaxFileBytes) return AttachmentCheck.Refused(AttachmentProblem.TooLarge, $"{cleanName} is larger than {o.MaxFileBytes} bytes.");

        var kind = FileSignature.Detect(data);
        var claimed = FileSignature.Claimed(cleanName, declaredType);
        var claimedByName = FileSignature.Claimed(cleanName, null);
        if (kind == FileKind.Unknown)
        {
            return claimed != FileKind.Unknown
                ? AttachmentCheck.Refused(AttachmentProblem.ContentMismatch, $"{cleanName} claims to be {claimed} but its content is not.")
                : AttachmentCheck.Refused(AttachmentProblem.UnsupportedType, $"{cleanName}: only JPEG, PNG, WebP, HEIC and PDF files are accepted.");
        }
        if ((claimed != FileKind.Unknown && claimed != kind) || (claimedByName != FileKind.Unknown && claimedByName != kind)
            || FileSignature.ClaimsSomethingElse(cleanName, declaredType))
            return AttachmentCheck.Refused(AttachmentProblem.ContentMismatch, $"{cleanName} is named or declared as another type than its content ({kind}).");

        return kind == FileKind.Pdf ? CheckPdf(cleanName, data) : CheckImage(cleanName, kind, data, o);
    }

    private static AttachmentCheck CheckPdf(string name, byte[] data)
    {
        var tail = System.Text.Encoding.ASCII.GetString(data, Math.Max(0, data.Length - 1024), Math.Min(1024, data.Length));
        if (!tail.Contains("%%EOF", StringComparison.Ordinal))
            return AttachmentCheck.Refused(AttachmentProblem.Broken, $"{name} is not a complete PDF.");
        return new AttachmentCheck(AttachmentProblem.None, new CheckedFile(WithExtension(name, ".pdf"), "application/pdf", data, null, null, null));
    }

    private static AttachmentCheck CheckImage(string name, FileKind kind, byte[] data, AttachmentOptions o)
    {
        var format = kind switch
        {
            FileKind.Jpeg => MagickFormat.Jpeg,
            FileKind.Png => MagickFormat.Png,
            FileKind.WebP => MagickFormat.WebP,
            _ => MagickFormat.Heic,
        };
        try
        {
            using var image = new MagickImage();
            // The header's size is checked before pixels are allocated: a tiny file claiming 60000 x 60000 is refused, not decoded.
            var ping = new MagickImageInfo(data, new MagickReadSettings { Format = format });
            if (ping.Width > o.MaxImagePixelsPerSide || ping.Height > o.MaxImagePixelsPerSide)
                return AttachmentCheck.Refused(AttachmentProblem.TooLarge, $"{name} is {ping.Width}x{ping.Height} pixels; at most {o.MaxImagePixelsPerSide} a side.");
            image.Read(data, new MagickReadSettings { Format = format });
            image.AutoOrient();
            image.Strip();
            var (storedFormat, contentType, extension) = kind switch
            {
                FileKind.Png => (MagickFormat.Png, "image/png", ".png"),
                FileKind.WebP => (MagickFormat.WebP, "image/webp", ".webp"),
                _ => (MagickFormat.Jpeg, "image/jpeg", ".jpg"),
            };
            if (storedFormat == MagickFormat.Jpeg) image.Quality = 90;
            var stored = image.ToByteArray(storedFormat);

            using var thumbnail = (MagickImage)image.Clone();
            thumbnail.Thumbnail(new MagickGeometry((uint)o.ThumbnailPixels, (uint)o.ThumbnailPixels));
            // JPEG has no transparency: transparent parts of a PNG or WebP show white, not black.
            if (thumbnail.HasAlpha) thumbnail.ColorAlpha(MagickColors.White);
            thumbnail.Quality = 80;
            var thumb = thumbnail.ToByteArray(MagickFormat.Jpeg);
            return new AttachmentCheck(AttachmentProblem.None,
                new CheckedFile(WithExtension(name, extension), contentType, stored, thumb, (int)image.Width, (int)image.Height));
        }
        catch (MagickException ex)
        {
            return AttachmentCheck.Refused(AttachmentProblem.Broken, $"{name} could not be read as {kind}: {ex.Message.Split('@')[0].Trim()}");
        }
    }

    /// <summary>The file's own name, without any path, control characters or more than 100 characters.</summary>
    public static string CleanName(string? name)
    {
        var bare = (name ?? "").Replace('\\', '/');
        bare = bare[(bare.LastIndexOf('/') + 1)..];
        bare = new string(bare.Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (bare.Length == 0 || bare is "." or "..") bare = "file";
        return bare.Length > 100 ? bare[^100..] : bare;
    }

    private static string WithExtension(string name, string extension)
    {
        var current = Path.GetExtension(name).ToLowerInvariant();
        if (current == extension || (extension == ".jpg" && current is ".jpeg" or ".jfif")) return name;
        return Path.GetFileNameWithoutExtension(name) + extension;
    }
}
