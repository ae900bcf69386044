using ImageMagick;

namespace ChatSupport.Bot.Tests.Attachments;

/// <summary>Real image files made in memory, with the metadata phones write (EXIF GPS, orientation).</summary>
internal static class TestImages
{
    public static byte[] Jpeg(uint width = 120, uint height = 80, bool withGps = false, int quality = 90)
    {
        using var image = new MagickImage(new MagickColor("#c0392b"), width, height);
        if (withGps)
        {
            var exif = new ExifProfile();
            exif.SetValue(ExifTag.GPSLatitudeRef, "N");
            exif.SetValue(ExifTag.GPSLatitude, [new Rational(30, 1), new Rational(15, 1), new Rational(0, 1)]);
            exif.SetValue(ExifTag.GPSLongitudeRef, "E");
            exif.SetValue(ExifTag.GPSLongitude, [new Rational(120, 1), new Rational(10, 1), new Rational(0, 1)]);
            exif.SetValue(ExifTag.Make, "TestPhone");
            // Rotated 90° as a phone held upright writes it: the stored image must come out upright with the tag gone.
            exif.SetValue(ExifTag.Orientation, (ushort)6);
            image.SetProfile(exif);
            image.Orientation = Orientation.RightTop;
        }
        image.Quality = (uint)quality;
        return image.ToByteArray(MagickFormat.Jpeg);
    }

    public static byte[] Png(uint width = 64, uint height = 64, bool transparent = false)
    {
        using var image = new MagickImage(transparent ? MagickColors.Transparent : new MagickColor("#27ae60"), width, height);
        return image.ToByteArray(MagickFormat.Png);
    }

    public static byte[] WebP()
    {
        using var image = new MagickImage(new MagickColor("#8e44ad"), 50, 40);
        return image.ToByteArray(MagickFormat.WebP);
    }

    /// <summary>A noisy photo-like JPEG of about <paramref name="approximateBytes"/> (for size limits and the benchmark).</summary>
    public static byte[] NoisyJpeg(int approximateBytes)
    {
        var side = (uint)Math.Sqrt(approximateBytes / 0.9);
        using var image = new MagickImage("plasma:", side, side);
        image.AddNoise(NoiseType.Gaussian);
        image.Quality = 95;
        return image.ToByteArray(MagickFormat.Jpeg);
    }

    public static byte[] Heic() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Attachments", "small.heic"));

    public static byte[] Pdf() => "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();
}
