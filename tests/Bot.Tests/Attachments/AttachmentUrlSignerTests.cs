using ChatSupport.HandoffContract;

namespace ChatSupport.Bot.Tests.Attachments;

public sealed class AttachmentUrlSignerTests
{
    private static readonly AttachmentUrlSigner Signer = AttachmentUrlSigner.FromSecret("attachment-signing-key");
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1764580000);

    private static (string E, string S) Parts(string pathAndQuery)
    {
        var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + pathAndQuery).Query);
        return (query["e"]!, query["s"]!);
    }

    [Fact]
    public void ASignedUrlOpensItsOwnFileUntilItExpires()
    {
        var (e, s) = Parts(Signer.PathAndQuery("conv-a", "f1", AttachmentVariants.File, Now.AddMinutes(60)));
        Assert.True(Signer.IsValid("conv-a", "f1", AttachmentVariants.File, e, s, Now));
        Assert.True(Signer.IsValid("conv-a", "f1", AttachmentVariants.File, e, s, Now.AddMinutes(59)));
        Assert.False(Signer.IsValid("conv-a", "f1", AttachmentVariants.File, e, s, Now.AddMinutes(60)));
    }

    [Fact]
    public void ASignatureOpensNothingElse()
    {
        var (e, s) = Parts(Signer.PathAndQuery("conv-a", "f1", AttachmentVariants.Thumbnail, Now.AddMinutes(60)));
        Assert.False(Signer.IsValid("conv-b", "f1", AttachmentVariants.Thumbnail, e, s, Now));   // another conversation
        Assert.False(Signer.IsValid("conv-a", "f2", AttachmentVariants.Thumbnail, e, s, Now));   // another file
        Assert.False(Signer.IsValid("conv-a", "f1", AttachmentVariants.File, e, s, Now));        // the full file from a thumbnail link
        Assert.False(Signer.IsValid("conv-a", "f1", AttachmentVariants.Thumbnail, (long.Parse(e) + 3600).ToString(), s, Now)); // a later expiry
        Assert.False(AttachmentUrlSigner.FromSecret("other-key").IsValid("conv-a", "f1", AttachmentVariants.Thumbnail, e, s, Now));
        Assert.False(Signer.IsValid("conv-a", "f1", AttachmentVariants.Thumbnail, e, null, Now));
    }

    [Fact]
    public void TheDocumentedExampleSignsAsWritten()
    {
        // README: key attachment-signing-key signs "conv-a\nf1\nfile\n1764583600".
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            "attachment-signing-key"u8, "conv-a\nf1\nfile\n1764583600"u8));
        Assert.Equal(expected, Signer.Signature("conv-a", "f1", AttachmentVariants.File, 1764583600));
    }
}
