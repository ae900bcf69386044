using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffContract.Keys;
using ChatSupport.HandoffDashboard.Tests.Support;
using ChatSupport.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace ChatSupport.HandoffDashboard.Tests.Intake;

/// <summary>
/// The intake summary keeps the shopper's photos as attachment ids, not as the signed URLs their activity carried (those expire after
/// Attachments:UrlLifetimeMinutes): the dashboard signs fresh URLs each time it serves the summary or the transcript, so an agent who
/// opens the chat hours later still sees the photos. The real bot and the real dashboard on one Redis, sharing one controllable clock.
/// </summary>
public sealed class IntakePhotoLinksTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private BotAndDashboard _host = null!;

    public async Task InitializeAsync() => _host = await BotAndDashboard.StartAsync(_clock);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<DashboardClient> AgentAsync()
    {
        using var admin = await _host.SignInAdminAsync();
        await BotAndDashboard.CreateAgentAsync(admin, "zhou", "小周");
        var agent = await _host.SignInAsync("zhou");
        await agent.SetStatusAsync("online");
        return agent;
    }

    [Fact]
    public async Task AnAgentOpeningTheChatHoursLaterGetsFreshlySignedPhotoUrlsInTheSummaryAndTheTranscript()
    {
        var agent = await AgentAsync();
        await using var shopper = new DirectLineTestClient(_host.Bot.BaseAddress);
        await shopper.StartAsync(BotAndDashboard.DirectLineSecret);
        await shopper.ConnectStreamAsync();
        await shopper.PostMessageAsync("收到的水壶外壳摔裂了，要退货，订单号 2026112200123456");
        await shopper.NextAsync(DirectLineTestClient.BotSays("照片"), TimeSpan.FromSeconds(15));
        var uploaded = await shopper.UploadAsync([("外壳.jpg", "image/jpeg", BotAndDashboard.Jpeg("#c0392b"))], text: "裂在这里");
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var echoed = await shopper.NextAsync(a => a["attachments"] is System.Text.Json.Nodes.JsonArray { Count: > 0 } && a["from"]?["role"]?.GetValue<string>() != "bot");
        var activityUrl = echoed["attachments"]![0]!["contentUrl"]!.GetValue<string>();
        await shopper.NextAsync(DirectLineTestClient.BotSays("转接人工客服"), TimeSpan.FromSeconds(15));

        // What is stored: the attachment id, no URL that could expire.
        var id = shopper.ConversationId;
        var stored = await _host.Connection.GetDatabase().StringGetAsync(IntakeKeys.Summary(id));
        var storedPhoto = IntakeSummary.FromJson(stored.ToString()).Photos.Single();
        Assert.NotNull(storedPhoto.AttachmentId);
        Assert.Null(storedPhoto.ContentUrl);
        Assert.Null(storedPhoto.ThumbnailUrl);
        Assert.True(storedPhoto.HasThumbnail);
        Assert.DoesNotContain("/attachments/", stored.ToString());

        var path = $"api/conversations/{Uri.EscapeDataString(id)}";
        await Eventually.TrueAsync(async () => (await agent.Http.GetAsync(path + "/intake")).IsSuccessStatusCode, TimeSpan.FromSeconds(10), "the chat reaches the dashboard");
        using var browser = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(activityUrl)).StatusCode);

        // Three hours later the activity's own URL has expired; the summary and the transcript hand out URLs that work now.
        _clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync(activityUrl)).StatusCode);
        using var later = await _host.SignInAsync("zhou");
        var summary = await later.Http.GetFromJsonAsync<JsonElement>(path + "/intake");
        var photo = summary.GetProperty("photos")[0];
        Assert.Equal("外壳.jpg", photo.GetProperty("name").GetString());
        var fresh = photo.GetProperty("contentUrl").GetString()!;
        Assert.StartsWith(_host.Bot.BaseAddress.ToString().TrimEnd('/') + "/attachments/", fresh);
        Assert.NotEqual(activityUrl, fresh);
        var full = await browser.GetAsync(fresh);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal("image/jpeg", full.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(photo.GetProperty("thumbnailUrl").GetString())).StatusCode);

        var transcript = await later.Http.GetFromJsonAsync<JsonElement>(path + "/transcript");
        var line = transcript.GetProperty("entries").EnumerateArray().Single(e => e.TryGetProperty("attachments", out var a) && a.ValueKind == JsonValueKind.Array);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(line.GetProperty("attachments")[0].GetProperty("url").GetString())).StatusCode);

        // And the fresh URLs expire in their turn (signed for UrlLifetimeMinutes from now, not forever).
        _clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync(fresh)).StatusCode);
    }

    [Fact]
    public void ASummarySavedWithSignedUrlsBeforeIdsWereKeptIsResignedAndOutsideLinksStayAsTheyAre()
    {
        var signer = AttachmentUrlSigner.FromSecret(BotAndDashboard.AttachmentSigningKey);
        var old = signer.Url("http://bot.example", "conv-1", "abc123", AttachmentVariants.File, _clock.GetUtcNow().AddMinutes(-5));
        var oldThumb = signer.Url("http://bot.example", "conv-1", "abc123", AttachmentVariants.Thumbnail, _clock.GetUtcNow().AddMinutes(-5));
        var expiresAt = _clock.GetUtcNow().AddMinutes(60);

        var resigned = new IntakePhoto("a.jpg", "image/jpeg", old, oldThumb).WithSignedUrls(signer, "http://127.0.0.1:5000", "conv-1", expiresAt);
        Assert.Equal("abc123", resigned.AttachmentId);
        Assert.Equal(signer.Url("http://127.0.0.1:5000", "conv-1", "abc123", AttachmentVariants.File, expiresAt), resigned.ContentUrl);
        Assert.Equal(signer.Url("http://127.0.0.1:5000", "conv-1", "abc123", AttachmentVariants.Thumbnail, expiresAt), resigned.ThumbnailUrl);

        // Another conversation's file is not re-signed for this one; a link from elsewhere is left alone.
        var foreign = new IntakePhoto("b.jpg", "image/jpeg", old, null);
        Assert.Same(foreign, foreign.WithSignedUrls(signer, "http://127.0.0.1:5000", "conv-2", expiresAt));
        var outside = new IntakePhoto("c.jpg", "image/jpeg", "https://shop.example/uploads/c.jpg", null);
        Assert.Same(outside, outside.WithSignedUrls(signer, "http://127.0.0.1:5000", "conv-1", expiresAt));
    }
}
