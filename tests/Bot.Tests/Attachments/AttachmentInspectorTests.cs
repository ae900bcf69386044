using ChatSupport.HandoffContract;
using ChatSupport.Bot.Attachments;
using ImageMagick;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.Tests.Attachments;

/// <summary>The upload checks: kind by content, names and declared types that lie, broken images, size, metadata stripping, thumbnails.</summary>
public sealed class AttachmentInspectorTests
{
    private static AttachmentInspector Inspector(long maxBytes = 10 * 1024 * 1024) =>
        new(Options.Create(new AttachmentOptions { MaxFileBytes = maxBytes }));

    [Fact]
    public void APhoneJpegLosesItsLocationAndIsTurnedUprightWithAThumbnail()
    {
        var original = TestImages.Jpeg(120, 80, withGps: true);
        using (var before = new MagickImage(original)) Assert.NotNull(before.GetExifProfile()?.GetValue(ExifTag.GPSLatitude));

        var check = Inspector().Check("漏水.jpg", "image/jpeg", original);

        Assert.True(check.Accepted, check.Detail);
        var file = check.File!;
        Assert.Equal("image/jpeg", file.ContentType);
        Assert.Equal("漏水.jpg", file.Name);
        using var stored = new MagickImage(file.Content);
        Assert.Null(stored.GetExifProfile());
        Assert.Null(stored.GetXmpProfile());
        Assert.DoesNotContain("TestPhone", System.Text.Encoding.Latin1.GetString(file.Content));
        // Orientation 6 applied: 120x80 stored as 80x120.
        Assert.Equal((80, 120), ((int)stored.Width, (int)stored.Height));
        Assert.Equal((80, 120), (file.Width!.Value, file.Height!.Value));
        using var thumbnail = new MagickImage(file.Thumbnail!);
        Assert.Equal(MagickFormat.Jpeg, thumbnail.Format);
        Assert.True(thumbnail.Width <= 320 && thumbnail.Height <= 320);
    }

    [Fact]
    public void PngAndWebPStayInTheirFormatAndATransparentPngGetsAWhiteThumbnail()
    {
        var png = Inspector().Check("a.png", "image/png", TestImages.Png(transparent: true));
        Assert.True(png.Accepted, png.Detail);
        Assert.Equal("image/png", png.File!.ContentType);
        using (var thumbnail = new MagickImage(png.File.Thumbnail!))
            Assert.Equal(MagickColors.White.ToString(), thumbnail.GetPixels().GetPixel(10, 10).ToColor()!.ToString());

        var webp = Inspector().Check("b.webp", "image/webp", TestImages.WebP());
        Assert.True(webp.Accepted, webp.Detail);
        Assert.Equal("image/webp", webp.File!.ContentType);
        Assert.NotNull(webp.File.Thumbnail);
    }

    [Fact]
    public void AHeicFromAPhoneIsStoredAsJpegSoEveryBrowserShowsIt()
    {
        var check = Inspector().Check("IMG_0001.HEIC", "image/heic", TestImages.Heic());
        Assert.True(check.Accepted, check.Detail);
        Assert.Equal("image/jpeg", check.File!.ContentType);
        Assert.Equal("IMG_0001.jpg", check.File.Name);
        Assert.Equal(FileKind.Jpeg, FileSignature.Detect(check.File.Content));
        Assert.Equal((96, 64), (check.File.Width!.Value, check.File.Height!.Value));
    }

    [Fact]
    public void APdfIsKeptAsSentAndAnIncompleteOneIsRefused()
    {
        var pdf = TestImages.Pdf();
        var check = Inspector().Check("退货单.pdf", "application/pdf", pdf);
        Assert.True(check.Accepted, check.Detail);
        Assert.Equal(pdf, check.File!.Content);
        Assert.Null(check.File.Thumbnail);

        Assert.Equal(AttachmentProblem.Broken, Inspector().Check("cut.pdf", "application/pdf", pdf[..40]).Problem);
    }

    [Theory]
    [InlineData("photo.jpg", "image/jpeg")]   // an executable dressed as a photo
    [InlineData("photo.png", "")]
    [InlineData("scan.pdf", "application/pdf")]
    public void AFileWhoseContentIsNotWhatItsNameOrTypeSaysIsRefusedAsAMismatch(string name, string type)
    {
        var exe = "MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0 this program cannot be run in DOS mode"u8.ToArray();
        Assert.Equal(AttachmentProblem.ContentMismatch, Inspector().Check(name, type, exe).Problem);
    }

    [Fact]
    public void APngNamedJpgOrAJpegDeclaredAsHtmlIsRefusedAsAMismatch()
    {
        Assert.Equal(AttachmentProblem.ContentMismatch, Inspector().Check("photo.jpg", "image/jpeg", TestImages.Png()).Problem);
        Assert.Equal(AttachmentProblem.ContentMismatch, Inspector().Check("photo.jpg", "text/html", TestImages.Jpeg()).Problem);
        Assert.Equal(AttachmentProblem.ContentMismatch, Inspector().Check("page.html", "image/jpeg", TestImages.Jpeg()).Problem);
    }

    [Fact]
    public void ANameWithoutAKnownTypeIsJudgedByContent()
    {
        Assert.True(Inspector().Check("blob", "application/octet-stream", TestImages.Jpeg()).Accepted);
        Assert.Equal(AttachmentProblem.UnsupportedType, Inspector().Check("notes.txt", "text/plain", "hello"u8.ToArray()).Problem);
        Assert.Equal(AttachmentProblem.UnsupportedType, Inspector().Check("anim.gif", "image/gif", "GIF89a\x01\0\x01\0"u8.ToArray()).Problem);
    }

    [Fact]
    public void AnImageThatStartsRightButDoesNotDecodeIsBroken()
    {
        var jpeg = TestImages.Jpeg();
        var broken = jpeg[..20].Concat(new byte[200]).ToArray();
        Assert.Equal(AttachmentProblem.Broken, Inspector().Check("x.jpg", "image/jpeg", broken).Problem);
        var png = TestImages.Png();
        Assert.Equal(AttachmentProblem.Broken, Inspector().Check("x.png", "image/png", png[..30]).Problem);
    }

    [Fact]
    public void SizeLimitsCoverBytesAndPixels()
    {
        Assert.Equal(AttachmentProblem.TooLarge, Inspector(maxBytes: 2048).Check("big.jpg", "image/jpeg", TestImages.NoisyJpeg(20_000)).Problem);
        Assert.Equal(AttachmentProblem.Empty, Inspector().Check("e.jpg", "image/jpeg", []).Problem);
        var inspector = new AttachmentInspector(Options.Create(new AttachmentOptions { MaxImagePixelsPerSide = 256 }));
        Assert.Equal(AttachmentProblem.TooLarge, inspector.Check("wide.png", "image/png", TestImages.Png(300, 10)).Problem);
    }

    [Fact]
    public void FileNamesLoseTheirPathAndControlCharacters()
    {
        Assert.Equal("evil.jpg", AttachmentInspector.CleanName("../../etc/evil.jpg"));
        Assert.Equal("a.jpg", AttachmentInspector.CleanName("C:\\Users\\x\\a.jpg"));
        Assert.Equal("ab.png", AttachmentInspector.CleanName("a\u0000b.png"));
        Assert.Equal("file", AttachmentInspector.CleanName(".."));
    }
}
