using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatSupport.Bot;
using ChatSupport.Bot.Attachments;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffContract.Keys;
using ChatSupport.HandoffDashboard.Complaints;
using ChatSupport.HandoffDashboard.Tests.Support;
using ChatSupport.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace ChatSupport.HandoffDashboard.Tests.Complaints;

/// <summary>
/// A complaint keeps the chat's photos as evidence: prefilled from a chat, it records the files by id and pins them, so they outlive the
/// conversation's retention and go only when the last complaint holding them is deleted or expires. The real bot, the real dashboard
/// and one redis-server, sharing one controllable clock (Redis's own expiries do not follow it: the test deletes the transcript as
/// its expiry would).
/// </summary>
public sealed class ComplaintEvidenceTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private BotAndDashboard _host = null!;

    // Years pass on the fake clock: the idle-chat farewell would write to the transcript the test lets expire.
    public async Task InitializeAsync() => _host = await BotAndDashboard.StartAsync(_clock, "--StaleChats:Enabled=false");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static byte[] Photo(string colour) => BotAndDashboard.Jpeg(colour);

    private Task<DashboardClient> AdminAsync() => _host.SignInAdminAsync();

    private static Task CreateAgentAsync(DashboardClient admin, string userName, string displayName) =>
        BotAndDashboard.CreateAgentAsync(admin, userName, displayName);

    private Task<DashboardClient> SignInAsync(string userName) => _host.SignInAsync(userName);

    private string FreshUrl(string conversationId, string attachmentId, string variant = AttachmentVariants.File) =>
        AttachmentUrlSigner.FromSecret(BotAndDashboard.AttachmentSigningKey).Url(_host.Bot.BaseAddress.ToString(), conversationId, attachmentId, variant, _clock.GetUtcNow().AddMinutes(30));

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    private static JsonElement OnlyPhoto(JsonElement complaint) =>
        complaint.GetProperty("transcriptExcerpt").EnumerateArray()
            .Single(l => l.TryGetProperty("attachments", out var a) && a.ValueKind == JsonValueKind.Array).GetProperty("attachments").EnumerateArray().Single();

    /// <summary>A shopper reports a cracked kettle with a photo; the chat is handed to 小周 (zhou). Returns the conversation.</summary>
    private async Task<DirectLineTestClient> ShopperWithPhotoHandedToZhouAsync()
    {
        var shopper = new DirectLineTestClient(_host.Bot.BaseAddress);
        await shopper.StartAsync(BotAndDashboard.DirectLineSecret);
        await shopper.ConnectStreamAsync();
        await shopper.PostMessageAsync("收到的水壶外壳摔裂了，要退货，订单号 2026112200123456");
        await shopper.NextAsync(DirectLineTestClient.BotSays("照片"), TimeSpan.FromSeconds(15));
        Assert.Equal(HttpStatusCode.OK, (await shopper.UploadAsync([("外壳.jpg", "image/jpeg", Photo("#c0392b"))], text: "裂在这里")).StatusCode);
        await shopper.NextAsync(DirectLineTestClient.BotSays("转接人工客服"), TimeSpan.FromSeconds(15));
        await Eventually.TrueAsync(async () =>
            (string?)await _host.Connection.GetDatabase().HashGetAsync(HandoffKeys.Conversation(shopper.ConversationId), ConversationFields.Assignee) == "zhou",
            TimeSpan.FromSeconds(15), "the chat is assigned to zhou");
        return shopper;
    }

    private async Task ConversationExpiresAsync(string conversationId)
    {
        await _host.Connection.GetDatabase().KeyDeleteAsync(HandoffKeys.Transcript(conversationId)); // as its expiry (Handoff:TranscriptRetentionDays) does
        _clock.Advance(TimeSpan.FromDays(181));
        await _host.Bot.Service<AttachmentSweeper>().SweepOnceAsync(CancellationToken.None);
    }

    [Fact]
    public async Task AComplaintKeepsTheChatPhotoPastTheConversationAndItGoesWhenTheLastComplaintHoldingItGoes()
    {
        using (var admin = await AdminAsync())
        {
            await CreateAgentAsync(admin, "zhou", "小周");
            await CreateAgentAsync(admin, "wang", "小王");
        }
        using var zhou = await SignInAsync("zhou");
        await zhou.SetStatusAsync("online");
        await using var shopper = await ShopperWithPhotoHandedToZhouAsync();
        var conversation = shopper.ConversationId;
        using var browser = new HttpClient();

        // Prefilled from the chat: the complaint has the photo, stored by id (no URL), served with a signed URL that works.
        var opened = (await Json(await zhou.Http.PostAsJsonAsync("api/complaints", new { conversationId = conversation, category = "质量" }))).GetProperty("complaint");
        var first = opened.GetProperty("id").GetString()!;
        var photo = OnlyPhoto(opened);
        var photoId = photo.GetProperty("id").GetString()!;
        Assert.Equal("外壳.jpg", photo.GetProperty("name").GetString());
        var stored = (string?)await _host.Connection.GetDatabase().HashGetAsync(ComplaintKeys.Complaint(first), "transcriptExcerpt");
        Assert.Contains(photoId, stored);
        Assert.DoesNotContain("/attachments/", stored);
        var detail = (await Json(await zhou.Http.GetAsync($"api/complaints/{first}"))).GetProperty("complaint");
        var url = OnlyPhoto(detail).GetProperty("url").GetString()!;
        Assert.StartsWith(_host.Bot.BaseAddress.ToString().TrimEnd('/') + "/attachments/", url);
        var full = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal("image/jpeg", full.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(OnlyPhoto(detail).GetProperty("thumbnailUrl").GetString())).StatusCode);

        // The CSV lists the file by name, with no link that would expire.
        var csv = await (await zhou.Http.GetAsync("api/complaints?format=csv")).Content.ReadAsStringAsync();
        Assert.Contains("外壳.jpg", csv);
        Assert.DoesNotContain("/attachments/", csv);

        // 小王 may not see this chat: the complaint reaches him without its chat lines, so without any URL of the photo.
        using (var wang = await SignInAsync("wang"))
        {
            var seen = await (await wang.Http.GetAsync($"api/complaints/{first}")).Content.ReadAsStringAsync();
            Assert.Contains(first, seen);
            Assert.DoesNotContain("/attachments/", seen);
            Assert.DoesNotContain(photoId, seen);
            var list = await (await wang.Http.GetAsync("api/complaints")).Content.ReadAsStringAsync();
            Assert.DoesNotContain("/attachments/", list);
            Assert.DoesNotContain("外壳.jpg", await (await wang.Http.GetAsync("api/complaints?format=csv")).Content.ReadAsStringAsync());
        }

        // A second complaint about the same chat holds the same photo; it is closed as not valid and archived.
        var second = (await Json(await zhou.Http.PostAsJsonAsync("api/complaints", new { conversationId = conversation }))).GetProperty("complaint").GetProperty("id").GetString()!;
        await Json(await zhou.Http.PostAsJsonAsync($"api/complaints/{second}/transitions", new { to = "判断", validity = "不成立", validityReply = "已为您补发配件" }));
        await Json(await zhou.Http.PostAsJsonAsync($"api/complaints/{second}/transitions", new { to = "归档" }));

        // After the complaints: another photo in the same chat, held by no complaint.
        Assert.Equal(HttpStatusCode.OK, (await shopper.UploadAsync([("底部.jpg", "image/jpeg", Photo("#2980b9"))], text: "底部也有")).StatusCode);
        var echoed = await shopper.NextAsync(a => a["attachments"] is JsonArray { Count: > 0 } arr && arr[0]!["name"]?.GetValue<string>() == "底部.jpg");
        var loose = AttachmentUrlSigner.FileIdOf(echoed["attachments"]![0]!["contentUrl"]!.GetValue<string>(), conversation)!;
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(FreshUrl(conversation, loose))).StatusCode);

        // The conversation's retention ends: the loose photo goes with it, the complaints' photo stays, file and thumbnail.
        await ConversationExpiresAsync(conversation);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(FreshUrl(conversation, loose))).StatusCode);
        using var zhouLater = await SignInAsync("zhou");
        var kept = OnlyPhoto((await Json(await zhouLater.Http.GetAsync($"api/complaints/{first}"))).GetProperty("complaint"));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(kept.GetProperty("url").GetString())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(kept.GetProperty("thumbnailUrl").GetString())).StatusCode);

        // A supervisor deletes the first complaint: the photo stays, the second complaint still holds it.
        using (var admin = await AdminAsync())
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await zhouLater.Http.DeleteAsync($"api/complaints/{second}")).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.DeleteAsync($"api/complaints/{first}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.GetAsync($"api/complaints/{first}")).StatusCode);
        }
        await _host.Bot.Service<AttachmentSweeper>().SweepOnceAsync(CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(FreshUrl(conversation, photoId))).StatusCode);

        // The archived second complaint's own retention (Complaints:RetentionDays, three years) ends: it goes, and the photo with it.
        _clock.Advance(TimeSpan.FromDays(1096));
        await _host.Dashboard.Service<ComplaintRetention>().SweepOnceAsync();
        Assert.False(await _host.Connection.GetDatabase().KeyExistsAsync(ComplaintKeys.Complaint(second)));
        Assert.False(await _host.Connection.GetDatabase().KeyExistsAsync(HandoffKeys.Transcript(conversation)));
        await _host.Bot.Service<AttachmentSweeper>().SweepOnceAsync(CancellationToken.None);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(FreshUrl(conversation, photoId))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(FreshUrl(conversation, photoId, AttachmentVariants.Thumbnail))).StatusCode);
        Assert.False(await _host.Connection.GetDatabase().KeyExistsAsync(AttachmentKeys.Pins(conversation)));
        Assert.False(await _host.Connection.GetDatabase().KeyExistsAsync(AttachmentKeys.ConversationAttachments(conversation)));
        Assert.Empty(Directory.Exists(_host.Files) ? Directory.EnumerateFiles(_host.Files, "*", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public async Task AnOpenComplaintIsKeptWhateverItsAgeAndAnArchivedOneOnlyAfterItsRetention()
    {
        string open, archived;
        using (var early = await AdminAsync())
        {
            open = (await Json(await early.Http.PostAsJsonAsync("api/complaints", new { customerName = "王女士", summary = "快递一周没到" }))).GetProperty("complaint").GetProperty("id").GetString()!;
            archived = (await Json(await early.Http.PostAsJsonAsync("api/complaints", new { customerName = "李先生", summary = "发错颜色" }))).GetProperty("complaint").GetProperty("id").GetString()!;
        }
        _clock.Advance(TimeSpan.FromDays(100));
        using var admin = await AdminAsync();
        await Json(await admin.Http.PostAsJsonAsync($"api/complaints/{archived}/transitions", new { to = "判断", validity = "不成立", validityReply = "颜色与订单一致" }));
        await Json(await admin.Http.PostAsJsonAsync($"api/complaints/{archived}/transitions", new { to = "归档" }));
        var retention = _host.Dashboard.Service<ComplaintRetention>();

        _clock.Advance(TimeSpan.FromDays(1094)); // opened 1194 days ago, archived 1094 days ago
        Assert.Equal(0, await retention.SweepOnceAsync());
        _clock.Advance(TimeSpan.FromDays(2));
        await retention.SweepOnceAsync();
        Assert.False(await _host.Connection.GetDatabase().KeyExistsAsync(ComplaintKeys.Complaint(archived)));
        Assert.False(await _host.Connection.GetDatabase().KeyExistsAsync(ComplaintKeys.History(archived)));
        Assert.True(await _host.Connection.GetDatabase().KeyExistsAsync(ComplaintKeys.Complaint(open)));
    }
}
