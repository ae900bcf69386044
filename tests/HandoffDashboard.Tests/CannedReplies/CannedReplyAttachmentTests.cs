using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatSupport.HandoffDashboard.Tests.Support;
using ChatSupport.TestSupport;
using ContractKeys = ChatSupport.HandoffContract.Keys.CannedReplyKeys;

namespace ChatSupport.HandoffDashboard.Tests.CannedReplies;

/// <summary>
/// A canned reply can carry a file (a size chart, a return label): set, checked, served and removed through the API, and sent with
/// the reply by an agent into a chat, where the bot checks and stores it for that conversation and the shopper receives it.
/// The real bot and the real dashboard on one Redis.
/// </summary>
public sealed class CannedReplyAttachmentTests : IAsyncLifetime
{
    private BotAndDashboard _host = null!;

    public async Task InitializeAsync() => _host = await BotAndDashboard.StartAsync(clock: null, "--CannedReplies:MaxAttachmentBytes=200000");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static byte[] SizeChart() => BotAndDashboard.Jpeg("#16a085", 400, 300);

    private static MultipartFormDataContent FileForm(byte[] content, string name, string contentType)
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue(contentType) } }, "file", name);
        return form;
    }

    private async Task<DashboardClient> AgentAsync(DashboardClient admin, string userName, string displayName)
    {
        await BotAndDashboard.CreateAgentAsync(admin, userName, displayName);
        return await _host.SignInAsync(userName);
    }

    private static async Task<string> CreateReplyAsync(DashboardClient who, string title, string scope)
    {
        var created = await who.Http.PostAsJsonAsync("api/canned-replies", new { title, text = "亲，这是尺码表，请对照选择。", category = "售后", scope, kind = "Reply" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task AFileIsSetCheckedAndServedThroughTheApiAndRemovedWithItsReply()
    {
        using var admin = await _host.SignInAdminAsync();
        using var agent = await AgentAsync(admin, "sun", "小孙");
        var id = await CreateReplyAsync(admin, "尺码表", "Team");
        var chart = SizeChart();

        var set = await admin.Http.PutAsync($"api/canned-replies/{id}/attachment", FileForm(chart, "../../尺码表.jpg", "image/jpeg"));
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var view = (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("attachment");
        Assert.Equal("尺码表.jpg", view.GetProperty("name").GetString()); // no folders from the sender's name
        Assert.Equal("image/jpeg", view.GetProperty("contentType").GetString());
        Assert.Equal(chart.Length, view.GetProperty("size").GetInt64());

        // Agents see it in the list and can open it; they may not change a team reply's file.
        var list = await agent.Http.GetFromJsonAsync<JsonElement>("api/canned-replies");
        var item = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == id);
        Assert.Equal("尺码表.jpg", item.GetProperty("attachment").GetProperty("name").GetString());
        var served = await agent.Http.GetAsync($"api/canned-replies/{id}/attachment");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal(chart, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.Http.PutAsync($"api/canned-replies/{id}/attachment", FileForm(chart, "x.jpg", "image/jpeg"))).StatusCode);

        // Bad files are refused with the reason next to the field, and the reply keeps the file it had.
        var lying = await admin.Http.PutAsync($"api/canned-replies/{id}/attachment", FileForm("<script>alert(1)</script>"u8.ToArray(), "chart.jpg", "image/jpeg"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, lying.StatusCode);
        Assert.Contains("文件内容要与扩展名一致", (await lying.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("file")[0].GetString());
        var big = new byte[300_000];
        chart.CopyTo(big, 0);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await admin.Http.PutAsync($"api/canned-replies/{id}/attachment", FileForm(big, "big.jpg", "image/jpeg"))).StatusCode);
        Assert.Equal(chart, await (await agent.Http.GetAsync($"api/canned-replies/{id}/attachment")).Content.ReadAsByteArrayAsync());

        // Without the antiforgery header nothing changes.
        using var noCsrf = new HttpClient(new HttpClientHandler { CookieContainer = admin.Cookies }) { BaseAddress = _host.Dashboard.BaseAddress };
        Assert.Equal(HttpStatusCode.BadRequest, (await noCsrf.DeleteAsync($"api/canned-replies/{id}/attachment")).StatusCode);

        // Another agent's personal reply and its file stay theirs.
        var personal = await CreateReplyAsync(agent, "我的退货面单", "Personal");
        Assert.Equal(HttpStatusCode.OK, (await agent.Http.PutAsync($"api/canned-replies/{personal}/attachment", FileForm(chart, "面单.jpg", "image/jpeg"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.GetAsync($"api/canned-replies/{personal}/attachment")).StatusCode);

        // Removing the file, then deleting a reply with a file, leaves nothing behind in Redis.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.DeleteAsync($"api/canned-replies/{id}/attachment")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.Http.GetAsync($"api/canned-replies/{id}/attachment")).StatusCode);
        Assert.False(await _host.Connection.GetDatabase().KeyExistsAsync(ContractKeys.Attachment(id)));
        Assert.True(await _host.Connection.GetDatabase().KeyExistsAsync(ContractKeys.Attachment(personal)));
        Assert.Equal(HttpStatusCode.NoContent, (await agent.Http.DeleteAsync($"api/canned-replies/{personal}")).StatusCode);
        Assert.False(await _host.Connection.GetDatabase().KeyExistsAsync(ContractKeys.Attachment(personal)));
    }

    [Fact]
    public async Task AnAgentSendsACannedReplyWithItsImageAndTheShopperReceivesBoth()
    {
        using var admin = await _host.SignInAdminAsync();
        using var agent = await AgentAsync(admin, "li", "小李");
        await agent.SetStatusAsync("online");
        var id = await CreateReplyAsync(admin, "尺码表", "Team");
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.PutAsync($"api/canned-replies/{id}/attachment", FileForm(SizeChart(), "尺码表.jpg", "image/jpeg"))).StatusCode);

        await using var shopper = new DirectLineTestClient(_host.Bot.BaseAddress);
        await shopper.StartAsync(BotAndDashboard.DirectLineSecret);
        await shopper.ConnectStreamAsync();
        await shopper.PostMessageAsync("水壶收到就漏水，我要换一个");
        await shopper.NextAsync(DirectLineTestClient.BotSays("订单号"), TimeSpan.FromSeconds(15));
        await shopper.PostMessageAsync("跳过，直接转人工");
        await shopper.NextAsync(DirectLineTestClient.BotSays("小李"), TimeSpan.FromSeconds(15));

        var path = $"api/conversations/{Uri.EscapeDataString(shopper.ConversationId)}/attachments";
        using var form = new MultipartFormDataContent
        {
            { new StringContent("亲，这是尺码表，请对照选择。"), "text" },
            { new StringContent(id), "cannedReplyId" },
            { new StringContent("canned-1"), "clientMessageId" },
        };
        Assert.Equal(HttpStatusCode.Accepted, (await agent.Http.PostAsync(path, form)).StatusCode);

        var received = await shopper.NextAsync(a => a["from"]?["name"]?.GetValue<string>() == "小李" && a["attachments"] is JsonArray, TimeSpan.FromSeconds(10));
        Assert.Equal("亲，这是尺码表，请对照选择。", received["text"]!.GetValue<string>());
        var file = received["attachments"]![0]!;
        Assert.Equal("尺码表.jpg", file["name"]!.GetValue<string>());
        Assert.Equal("image/jpeg", file["contentType"]!.GetValue<string>());
        using var browser = new HttpClient();
        var opened = await browser.GetAsync(file["contentUrl"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal("image/jpeg", opened.Content.Headers.ContentType!.MediaType);

        // The agent's transcript shows the file on the line; a reply without a file (or gone) sends nothing.
        var transcript = await agent.Http.GetFromJsonAsync<JsonElement>($"api/conversations/{Uri.EscapeDataString(shopper.ConversationId)}/transcript");
        Assert.Contains(transcript.GetProperty("entries").EnumerateArray(), e => e.GetProperty("sender").GetString() == "agent"
            && e.TryGetProperty("attachments", out var a) && a.ValueKind == JsonValueKind.Array && a[0].GetProperty("name").GetString() == "尺码表.jpg");
        var plain = await CreateReplyAsync(admin, "无附件", "Team");
        using var noFile = new MultipartFormDataContent { { new StringContent("x"), "text" }, { new StringContent(plain), "cannedReplyId" } };
        Assert.Equal(HttpStatusCode.NotFound, (await agent.Http.PostAsync(path, noFile)).StatusCode);
    }
}
