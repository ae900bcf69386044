using System.Net;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using ChatSupport.Bot.Attachments;
using ChatSupport.Bot.Tests.Support;
using ChatSupport.HandoffContract;
using ChatSupport.TestSupport;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace ChatSupport.Bot.Tests.Attachments;

/// <summary>
/// Attachments:Storage=s3 against a real S3-compatible server on loopback (npm's s3rver, started on a free port): a shopper's
/// upload lands in the bucket, comes back through its signed URL, and is deleted from the bucket with its conversation.
/// </summary>
public sealed class S3AttachmentStorageTests : IAsyncLifetime
{
    private const string Bucket = "chat-files";
    private const string Prefix = "shop-a/";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private S3rverProcess _s3 = null!;
    private RedisServer _redis = null!;
    private ConnectionMultiplexer _mux = null!;
    private RunningApp _bot = null!;
    private AmazonS3Client _client = null!;

    public async Task InitializeAsync()
    {
        _s3 = await S3rverProcess.StartAsync();
        _redis = RedisServer.Start();
        _mux = _redis.Connect();
        _bot = await BotHost.StartAsync(_redis, _clock, settings:
        [
            .. BotHost.AlwaysOpen, "--Attachments:Storage=s3", $"--Attachments:S3:ServiceUrl={_s3.ServiceUrl}", $"--Attachments:S3:Bucket={Bucket}",
            $"--Attachments:S3:AccessKey={S3rverProcess.AccessKey}", $"--Attachments:S3:SecretKey={S3rverProcess.SecretKey}",
            $"--Attachments:S3:Prefix={Prefix}", "--Attachments:SigningKey=s3-test-attachment-key",
        ]);
        _client = new AmazonS3Client(new BasicAWSCredentials(S3rverProcess.AccessKey, S3rverProcess.SecretKey),
            new AmazonS3Config { ServiceURL = _s3.ServiceUrl, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _bot.DisposeAsync();
        _mux.Dispose();
        _redis.Dispose();
        _s3.Dispose();
    }

    private async Task<List<string>> ObjectKeysAsync()
    {
        try
        {
            var listed = await _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, Prefix = Prefix });
            return (listed.S3Objects ?? []).Select(o => o.Key).ToList();
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return []; // no bucket yet: the storage creates it on first use
        }
    }

    [Fact]
    public async Task AnUploadIsStoredInTheBucketFetchedThroughItsSignedUrlAndDeletedWithItsConversation()
    {
        Assert.IsType<S3AttachmentStorage>(_bot.Service<IAttachmentStorage>());
        await using var shopper = new DirectLineTestClient(_bot.BaseAddress);
        await shopper.StartAsync(BotHost.Secret);
        await shopper.ConnectStreamAsync();
        var photo = TestImages.Jpeg(800, 600, withGps: true);

        var uploaded = await shopper.UploadAsync([("破损.jpg", "image/jpeg", photo)], text: "外壳破了");
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var echoed = await shopper.NextAsync(a => a["from"]?["role"]?.GetValue<string>() == "user" && a["attachments"] is JsonArray { Count: > 0 });
        var file = echoed["attachments"]![0]!;

        // In the bucket, under the configured prefix: the photo and its thumbnail.
        var id = AttachmentLinks.AttachmentIdOf(file["contentUrl"]!.GetValue<string>(), shopper.ConversationId)!;
        var fileKey = Prefix + AttachmentStore.StorageKey(shopper.ConversationId, id, AttachmentVariants.File);
        var thumbnailKey = Prefix + AttachmentStore.StorageKey(shopper.ConversationId, id, AttachmentVariants.Thumbnail);
        Assert.Equal([fileKey, thumbnailKey], (await ObjectKeysAsync()).Order());

        // Back through the signed URLs, from the bucket; metadata (the GPS position) stripped on the way in.
        var full = await shopper.GetAsync(file["contentUrl"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal("image/jpeg", full.Content.Headers.ContentType!.MediaType);
        var bytes = await full.Content.ReadAsByteArrayAsync();
        using (var image = new ImageMagick.MagickImage(bytes))
        {
            Assert.Equal((600u, 800u), (image.Width, image.Height)); // turned upright (the test photo says: rotated 90°)
            Assert.Null(image.GetExifProfile()?.GetValue(ImageMagick.ExifTag.GPSLatitude));
        }
        using (var stored = await _client.GetObjectAsync(Bucket, fileKey)) Assert.Equal(bytes.Length, stored.ContentLength);
        Assert.Equal(HttpStatusCode.OK, (await shopper.GetAsync(file["thumbnailUrl"]!.GetValue<string>())).StatusCode);

        // Deleted with the conversation: once its transcript is gone, the sweeper removes the objects and the records.
        var sweeper = _bot.Service<AttachmentSweeper>();
        await _mux.GetDatabase().KeyDeleteAsync(HandoffKeys.Transcript(shopper.ConversationId)); // as its expiry does
        _clock.Advance(TimeSpan.FromDays(181)); // past Handoff:TranscriptRetentionDays
        Assert.Equal(1, await sweeper.SweepOnceAsync(CancellationToken.None));
        Assert.Empty(await ObjectKeysAsync());
        Assert.Equal(0, await _mux.GetDatabase().SetLengthAsync(AttachmentKeys.ConversationAttachments(shopper.ConversationId)));
    }
}
