using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatSupport.Bot.Attachments;
using ChatSupport.Bot.Tests.Handoff;
using ChatSupport.Bot.Tests.Support;
using ChatSupport.HandoffContract;
using ChatSupport.TestSupport;
using ImageMagick;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace ChatSupport.Bot.Tests.Attachments;

/// <summary>Upload through the embedded Direct Line and fetching back, on a real bot (Kestrel) and a real redis-server.</summary>
public sealed class DirectLineUploadTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private RunningApp _bot = null!;
    private ConnectionMultiplexer _mux = null!;
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cs-attachments-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        _redis = RedisServer.Start();
        _bot = await BotHost.StartAsync(_redis, _clock, settings:
            [.. BotHost.AlwaysOpen, $"--Attachments:Folder={_folder}", "--Attachments:MaxFileBytes=200000", "--Attachments:SigningKey=test-attachment-key"]);
        _mux = _redis.Connect();
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        _mux.Dispose();
        _redis.Dispose();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private async Task<DirectLineTestClient> ShopperAsync()
    {
        var shopper = new DirectLineTestClient(_bot.BaseAddress);
        await shopper.StartAsync(BotHost.Secret);
        await shopper.ConnectStreamAsync();
        return shopper;
    }

    private static bool IsUserMessageWithFiles(JsonObject a) =>
        a["type"]?.GetValue<string>() == "message" && a["from"]?["role"]?.GetValue<string>() == "user" && a["attachments"] is JsonArray { Count: > 0 };

    private int StoredFileCount() => Directory.Exists(_folder) ? Directory.EnumerateFiles(_folder, "*", SearchOption.AllDirectories).Count() : 0;

    private async Task<long> AttachmentRecordCountAsync(string conversationId) =>
        await _mux.GetDatabase().SetLengthAsync(AttachmentKeys.ConversationAttachments(conversationId));

    [Fact]
    public async Task AnUploadedPhotoComesBackThroughItsSignedUrlStrippedAndWithAThumbnailUntilTheUrlExpires()
    {
        await using var shopper = await ShopperAsync();
        await using var other = await ShopperAsync();
        var photo = TestImages.Jpeg(400, 300, withGps: true);

        var response = await shopper.UploadAsync([("漏水.jpg", "image/jpeg", photo)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        var echoed = await shopper.NextAsync(IsUserMessageWithFiles);
        Assert.Equal(id, echoed["id"]!.GetValue<string>());
        var attachment = echoed["attachments"]![0]!;
        Assert.Equal("image/jpeg", attachment["contentType"]!.GetValue<string>());
        Assert.Equal("漏水.jpg", attachment["name"]!.GetValue<string>());
        var contentUrl = attachment["contentUrl"]!.GetValue<string>();
        var thumbnailUrl = attachment["thumbnailUrl"]!.GetValue<string>();
        Assert.StartsWith(_bot.BaseAddress.ToString().TrimEnd('/') + "/attachments/", contentUrl);
        await shopper.NextAsync(DirectLineTestClient.BotSays("收到您发的文件了"));

        // The signed URL needs no other credential; what comes back is the stripped photo.
        var fetched = await shopper.GetAsync(contentUrl);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal("image/jpeg", fetched.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", fetched.Headers.GetValues("X-Content-Type-Options").Single());
        using (var stored = new MagickImage(await fetched.Content.ReadAsByteArrayAsync())) Assert.Null(stored.GetExifProfile());
        var thumb = await shopper.GetAsync(thumbnailUrl);
        Assert.Equal(HttpStatusCode.OK, thumb.StatusCode);
        using (var t = new MagickImage(await thumb.Content.ReadAsByteArrayAsync())) Assert.True(t.Width <= 320);

        // Without the signature: the conversation's own token opens it, another conversation's token does not.
        var bare = contentUrl[..contentUrl.IndexOf('?')];
        Assert.Equal(HttpStatusCode.OK, (await shopper.GetAsync(bare, shopper.Token)).StatusCode);
        var wrong = await shopper.GetAsync(bare, other.Token);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal("TokenInvalid", (await wrong.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await shopper.GetAsync(bare)).StatusCode);
        // The signature of one conversation's file does not open the same id under another conversation.
        var moved = contentUrl.Replace(Uri.EscapeDataString(shopper.ConversationId), Uri.EscapeDataString(other.ConversationId));
        Assert.Equal(HttpStatusCode.Forbidden, (await shopper.GetAsync(moved)).StatusCode);

        // Expiry (Attachments:UrlLifetimeMinutes, default 60).
        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(HttpStatusCode.OK, (await shopper.GetAsync(contentUrl)).StatusCode);
        _clock.Advance(TimeSpan.FromMinutes(2));
        var expired = await shopper.GetAsync(contentUrl);
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.Equal("TokenExpired", (await expired.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]!.GetValue<string>());
    }

    public static TheoryData<string, string, string, int, string> BadUploads => new()
    {
        // file name, declared type, what the bytes are, expected status, what the shopper is told
        { "big.jpg", "image/jpeg", "oversize", 413, "文件有点大" },
        { "notes.txt", "text/plain", "text", 415, "可以发送图片" },
        { "photo.jpg", "image/jpeg", "exe", 415, "格式和它的名字对不上" },
        { "photo.jpg", "image/jpeg", "broken", 400, "图片好像损坏了" },
        { "six", "image/png", "six", 413, "一次最多发 5 个文件" },
    };

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task ABadUploadIsRefusedInTheDirectLineShapeWithAPoliteLineAndNothingStored(
        string name, string type, string content, int status, string toldShopper)
    {
        await using var shopper = await ShopperAsync();
        var files = content switch
        {
            "oversize" => [(name, type, TestImages.NoisyJpeg(400_000))],
            "text" => [(name, type, "你好"u8.ToArray())],
            "exe" => [(name, type, "MZ\x90\0 this program cannot be run in DOS mode"u8.ToArray())],
            "broken" => [(name, type, TestImages.Jpeg()[..40].Concat(new byte[500]).ToArray())],
            _ => Enumerable.Range(0, 6).Select(i => ($"p{i}.png", type, TestImages.Png())).ToList(),
        };

        var response = await shopper.UploadAsync(files);

        Assert.Equal(status, (int)response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!;
        Assert.False(string.IsNullOrEmpty(error["code"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(error["message"]!.GetValue<string>()));
        await shopper.NextAsync(DirectLineTestClient.BotSays(toldShopper));
        Assert.Equal(0, StoredFileCount());
        Assert.Equal(0, await AttachmentRecordCountAsync(shopper.ConversationId));
        // The message itself was not stored either: the conversation holds only the bot's lines.
        var history = await shopper.SendAsync(HttpMethod.Get, $"v3/directline/conversations/{Uri.EscapeDataString(shopper.ConversationId)}/activities", shopper.Token);
        var activities = (await history.Content.ReadFromJsonAsync<JsonObject>())!["activities"]!.AsArray();
        Assert.DoesNotContain(activities, a => a!["from"]?["role"]?.GetValue<string>() == "user" && a["type"]!.GetValue<string>() == "message");
    }

    [Fact]
    public async Task AnUploadToSomeoneElsesConversationIsRefusedAndStoresNothingThere()
    {
        await using var victim = await ShopperAsync();
        await using var intruder = await ShopperAsync();

        var response = await intruder.UploadAsync([("x.jpg", "image/jpeg", TestImages.Jpeg())], conversationId: victim.ConversationId);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("TokenInvalid", (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]!.GetValue<string>());
        await intruder.NextAsync(DirectLineTestClient.BotSays("没有发出去"));
        Assert.Equal(0, StoredFileCount());
        Assert.Equal(0, await AttachmentRecordCountAsync(victim.ConversationId));
    }

    [Fact]
    public async Task WithAnAgentInChargeThePhotoReachesTheAgentAndTheTranscriptAndTheAgentsImageReachesTheShopper()
    {
        var dashboard = new DashboardRole(_mux);
        await dashboard.AgentOnlineAsync("wang");
        await using var shopper = await ShopperAsync();
        // A request for a person hands over at once (an after-sales message would start the intake first).
        await shopper.PostMessageAsync("转人工客服");
        await shopper.NextAsync(DirectLineTestClient.BotSays("转接人工客服"));
        await dashboard.AcceptAsync(shopper.ConversationId, "wang", "小王");
        await shopper.NextAsync(DirectLineTestClient.BotSays("已接入"));

        var response = await shopper.UploadAsync([("漏水.png", "image/png", TestImages.Png()), ("订单.pdf", "application/pdf", TestImages.Pdf())], text: "这里漏水");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await Eventually.TrueAsync(async () => (await dashboard.EventsFromBotAsync()).Any(e => e.Kind == HandoffEventKinds.CustomerReplied && e.Attachments is { Count: 2 }),
            TimeSpan.FromSeconds(10));
        var replied = (await dashboard.EventsFromBotAsync()).Last(e => e.Kind == HandoffEventKinds.CustomerReplied && e.Attachments is { Count: 2 });
        Assert.Equal("这里漏水", replied.Text);
        Assert.Equal(["image/png", "application/pdf"], replied.Attachments!.Select(a => a.ContentType));
        var line = (await dashboard.TranscriptAsync(shopper.ConversationId)).Single(e => e.Attachments is not null);
        Assert.Equal(TranscriptSenders.Customer, line.Sender);
        Assert.Equal("漏水.png", line.Attachments![0].Name);
        Assert.True(line.Attachments[0].HasThumbnail);
        Assert.False(line.Attachments[1].HasThumbnail);
        Assert.Null(line.Attachments[0].Url); // URLs expire: the stored line has none, readers sign their own

        // The agent sends a size chart: stored through the admin upload, relayed on the to-bot stream, shown to the shopper.
        var chart = _bot.Service<AttachmentStore>();
        var inspected = _bot.Service<AttachmentInspector>().Check("尺码表.png", "image/png", TestImages.Png(200, 100));
        var saved = await chart.SaveAsync(shopper.ConversationId, inspected.File!, "agent", CancellationToken.None);
        await dashboard.SendAsync(new HandoffEvent
        {
            Kind = HandoffEventKinds.AgentReplied, ConversationId = shopper.ConversationId, AgentId = "wang", AgentName = "小王",
            Text = "这是尺码表", ClientMessageId = "m1", Attachments = [saved],
        });
        var fromAgent = await shopper.NextAsync(a => a["from"]?["id"]?.GetValue<string>() == "agent:wang" && a["attachments"] is JsonArray);
        var url = fromAgent["attachments"]![0]!["contentUrl"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await shopper.GetAsync(url)).StatusCode);
        await Eventually.TrueAsync(async () => (await dashboard.TranscriptAsync(shopper.ConversationId))
            .Any(e => e.Sender == TranscriptSenders.Agent && e.Attachments?.SingleOrDefault()?.Id == saved.Id), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task FilesAreDeletedWithTheirConversation()
    {
        await using var shopper = await ShopperAsync();
        Assert.Equal(HttpStatusCode.OK, (await shopper.UploadAsync([("a.jpg", "image/jpeg", TestImages.Jpeg())])).StatusCode);
        Assert.Equal(2, StoredFileCount()); // the photo and its thumbnail
        var sweeper = _bot.Service<AttachmentSweeper>();

        Assert.Equal(0, await sweeper.SweepOnceAsync(CancellationToken.None)); // not due yet
        _clock.Advance(TimeSpan.FromDays(181)); // past Handoff:TranscriptRetentionDays
        var transcript = HandoffKeys.Transcript(shopper.ConversationId);
        if (await _mux.GetDatabase().KeyExistsAsync(transcript))
        {
            // Still there (Redis does not follow the fake clock): looked at again when it would expire, nothing deleted.
            Assert.Equal(0, await sweeper.SweepOnceAsync(CancellationToken.None));
            Assert.Equal(2, StoredFileCount());
            await _mux.GetDatabase().KeyDeleteAsync(transcript); // as its expiry does
            _clock.Advance(TimeSpan.FromDays(181));
        }
        Assert.Equal(1, await sweeper.SweepOnceAsync(CancellationToken.None));

        Assert.Equal(0, StoredFileCount());
        Assert.Equal(0, await AttachmentRecordCountAsync(shopper.ConversationId));
    }

    [Fact]
    public async Task APhotoInAChatThatGoesOnStaysOnRecordAsLongAsTheTranscriptThatLinksIt()
    {
        await using var shopper = await ShopperAsync();
        Assert.Equal(HttpStatusCode.OK, (await shopper.UploadAsync([("a.jpg", "image/jpeg", TestImages.Jpeg())])).StatusCode);
        var db = _mux.GetDatabase();
        var id = (await _bot.Service<AttachmentStore>().IdsAsync(shopper.ConversationId)).Single();
        var record = AttachmentKeys.Attachment(shopper.ConversationId, id);
        var retention = TimeSpan.FromDays(180); // Handoff:TranscriptRetentionDays
        Assert.True(await db.KeyTimeToLiveAsync(record) > retention, "the record outlives the transcript written with it");

        // The chat went on for months: the transcript's expiry moved (Redis does not follow the fake clock, so it is set here).
        var transcript = HandoffKeys.Transcript(shopper.ConversationId);
        await Eventually.TrueAsync(() => db.KeyExistsAsync(transcript), TimeSpan.FromSeconds(10));
        await db.KeyExpireAsync(transcript, TimeSpan.FromDays(300));
        _clock.Advance(TimeSpan.FromDays(181));
        Assert.Equal(0, await _bot.Service<AttachmentSweeper>().SweepOnceAsync(CancellationToken.None));

        Assert.True(await db.KeyTimeToLiveAsync(record) > TimeSpan.FromDays(300), "the record moved with the transcript");
        Assert.True(await db.KeyTimeToLiveAsync(AttachmentKeys.ConversationAttachments(shopper.ConversationId)) > TimeSpan.FromDays(300));
        Assert.NotNull(await _bot.Service<AttachmentStore>().FindAsync(shopper.ConversationId, id));
        Assert.Equal(2, StoredFileCount());
    }
}
