using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatSupport.Bot;
using ChatSupport.HandoffDashboard;
using ChatSupport.TestSupport;

namespace ChatSupport.Browser.Tests.EndToEnd;

/// <summary>
/// The whole handoff path with both services for real: two bot instances and two dashboard instances on
/// one Redis; the shopper on one bot instance, the agent on the other dashboard instance.
/// </summary>
public sealed class BothServicesTests : IAsyncLifetime
{
    private const string Secret = "e2e-directline-secret-0123456789";
    private const string AdminKey = "e2e-admin-key";
    private RedisServer _redis = null!;
    private RunningApp _botA = null!, _botB = null!, _dashboardA = null!, _dashboardB = null!;
    private string _knowledge = null!;
    private const string AttachmentKey = "e2e-attachment-signing-key";
    // One folder for both bot instances, as a shared volume would be (or Attachments:Storage=s3).
    private readonly string _attachments = Path.Combine(Path.GetTempPath(), "cs-e2e-files-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        _redis = RedisServer.Start(appendOnly: true);
        // A copy of the demo knowledge, because the knowledge test below edits it.
        _knowledge = Path.Combine(Path.GetTempPath(), "cs-e2e-kb-" + Guid.NewGuid().ToString("N"));
        CopyDirectory(RepositoryPaths.Knowledge, _knowledge);
        var alwaysOpen = Enum.GetNames<DayOfWeek>().Select(d => $"--Handoff:BusinessHours:{d}=00:00-00:00");
        string[] botArgs =
        [
            $"--ConnectionStrings:Redis={_redis.ConnectionString}", $"--DirectLine:Secret={Secret}", $"--Knowledge:Path={_knowledge}",
            $"--Admin:ApiKey={AdminKey}", "--Logging:LogLevel:Default=Warning", .. alwaysOpen,
            $"--Attachments:SigningKey={AttachmentKey}", $"--Attachments:Folder={_attachments}",
        ];
        _botA = await RunningApp.StartAsync(args => BotApplication.Build(args, SourceWebRoot.Bot), botArgs);
        _botB = await RunningApp.StartAsync(args => BotApplication.Build(args, SourceWebRoot.Bot), botArgs);
        string[] dashboardArgs =
        [
            $"--ConnectionStrings:Redis={_redis.ConnectionString}", "--Dashboard:BootstrapAdmin:UserName=admin",
            "--Dashboard:BootstrapAdmin:Password=admin-pass-123", $"--Bot:AdminBaseUrl={_botB.BaseAddress}", $"--Bot:AdminApiKey={AdminKey}",
            "--CannedReplies:ShopName=青禾生活馆", "--Logging:LogLevel:Default=Warning",
            $"--Attachments:SigningKey={AttachmentKey}", $"--Attachments:BotPublicUrl={_botA.BaseAddress}",
        ];
        _dashboardA = await RunningApp.StartAsync(args => DashboardApplication.Build(args, SourceWebRoot.Dashboard), dashboardArgs);
        _dashboardB = await RunningApp.StartAsync(args => DashboardApplication.Build(args, SourceWebRoot.Dashboard), dashboardArgs);
    }

    public async Task DisposeAsync()
    {
        foreach (var app in new[] { _dashboardB, _dashboardA, _botB, _botA }) await app.DisposeAsync();
        _redis.Dispose();
        try { Directory.Delete(_knowledge, recursive: true); } catch (IOException) { }
        try { if (Directory.Exists(_attachments)) Directory.Delete(_attachments, recursive: true); } catch (IOException) { }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories)) Directory.CreateDirectory(dir.Replace(from, to));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories)) File.Copy(file, file.Replace(from, to));
    }

    private static async Task<HttpClient> SignInAsync(RunningApp dashboard, string userName, string password)
    {
        var http = dashboard.CreateClient(new HttpClientHandler { CookieContainer = new CookieContainer() });
        (await http.PostAsJsonAsync("api/auth/login", new { userName, password })).EnsureSuccessStatusCode();
        var antiforgery = await http.GetFromJsonAsync<JsonElement>("api/auth/antiforgery");
        http.DefaultRequestHeaders.Add("X-CSRF-TOKEN", antiforgery.GetProperty("token").GetString());
        return http;
    }

    private static Func<JsonObject, bool> MessageContaining(string fragment) =>
        a => a["type"]!.GetValue<string>() == "message" && a["from"]?["role"]?.GetValue<string>() == "bot"
             && a["text"]!.GetValue<string>().Contains(fragment);

    [Fact]
    public async Task AShoppersReturnIsHandedToAnAgentOnTheOtherInstancesAndBackToTheBotWithASurvey()
    {
        var admin = await SignInAsync(_dashboardA, "admin", "admin-pass-123");
        (await admin.PostAsJsonAsync("api/agents", new
        {
            userName = "wang", displayName = "小王", password = "wang-pass-123", roles = new[] { "agent" },
            skills = new[] { "after-sales", "general" }, maxConcurrentChats = 3, employeeNumber = "A017",
        })).EnsureSuccessStatusCode();
        var agent = await SignInAsync(_dashboardB, "wang", "wang-pass-123");
        (await agent.PutAsJsonAsync("api/agents/me/status", new { status = "online" })).EnsureSuccessStatusCode();

        await using var shopper = new DirectLineTestClient(_botA.BaseAddress);
        await shopper.StartAsync(Secret);
        await shopper.ConnectStreamAsync();
        await shopper.NextAsync(MessageContaining("欢迎"));
        await shopper.PostMessageAsync("几天能到");
        await shopper.NextAsync(MessageContaining("江浙沪"));

        await shopper.PostMessageAsync("收到的水壶外壳摔裂了，要退货，订单号 2026112200123456");
        // The after-sales intake has the order and the problem; it asks for a photo of the damage, which can be skipped.
        await shopper.NextAsync(MessageContaining("照片"));
        await shopper.PostMessageAsync("跳过，直接转人工");
        await shopper.NextAsync(MessageContaining("转接人工客服"));

        // Auto-assignment gives the chat to the only online agent with the skill; the shopper hears who joined.
        await shopper.NextAsync(MessageContaining("小王"), TimeSpan.FromSeconds(15));
        var mine = await agent.GetFromJsonAsync<JsonElement>("api/conversations/mine");
        Assert.Contains(mine.EnumerateArray(), c => c.GetProperty("conversationId").GetString() == shopper.ConversationId);

        // The agent reads the whole transcript, the bot's part and the handoff reason included.
        var transcript = await agent.GetFromJsonAsync<JsonElement>($"api/conversations/{Uri.EscapeDataString(shopper.ConversationId)}/transcript");
        Assert.Equal("after-sales", transcript.GetProperty("conversation").GetProperty("reason").GetString());
        var texts = transcript.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("text").GetString()).ToList();
        Assert.Contains("几天能到", texts);
        Assert.Contains(texts, t => t!.Contains("江浙沪"));

        // Agent (dashboard B) → shopper (socket on bot A), the shopper posting through bot B.
        (await agent.PostAsJsonAsync($"api/conversations/{Uri.EscapeDataString(shopper.ConversationId)}/messages",
            new { text = "非常抱歉，麻烦拍一张外壳的照片给我，我马上为您处理。", clientMessageId = "m-1" })).EnsureSuccessStatusCode();
        var fromAgent = await shopper.NextAsync(a => a["from"]?["name"]?.GetValue<string>() == "小王" && a["text"]!.GetValue<string>().Contains("照片"));
        Assert.Equal("plain", fromAgent["textFormat"]!.GetValue<string>());

        shopper.UseBaseAddress(_botB.BaseAddress);
        await shopper.PostMessageAsync("好的 <b>马上拍</b>");
        await Eventually.TrueAsync(async () =>
        {
            var t = await agent.GetFromJsonAsync<JsonElement>($"api/conversations/{Uri.EscapeDataString(shopper.ConversationId)}/transcript");
            return t.GetProperty("entries").EnumerateArray().Any(e => e.GetProperty("text").GetString() == "好的 <b>马上拍</b>");
        }, TimeSpan.FromSeconds(10), "the shopper's reply reaches the agent's transcript");

        (await agent.PostAsync($"api/conversations/{Uri.EscapeDataString(shopper.ConversationId)}/close", null)).EnsureSuccessStatusCode();
        await shopper.NextAsync(MessageContaining("评价"), TimeSpan.FromSeconds(10));
        await shopper.PostMessageAsync("满意");
        await shopper.NextAsync(MessageContaining("还有什么想对我们说的"));

        // The bot is in charge again.
        await shopper.PostMessageAsync("发什么快递");
        await shopper.NextAsync(MessageContaining("中通"));
    }

    private static byte[] Photo(string color, uint width, uint height)
    {
        using var image = new ImageMagick.MagickImage(new ImageMagick.MagickColor(color), width, height);
        return image.ToByteArray(ImageMagick.MagickFormat.Jpeg);
    }

    [Fact]
    public async Task AShoppersPhotoReachesTheAgentsTranscriptAsAThumbnailAndTheAgentsImageReachesTheShopper()
    {
        var admin = await SignInAsync(_dashboardA, "admin", "admin-pass-123");
        (await admin.PostAsJsonAsync("api/agents", new
        {
            userName = "li", displayName = "小李", password = "li-pass-1234", roles = new[] { "agent" },
            skills = new[] { "after-sales", "general" }, maxConcurrentChats = 3, employeeNumber = "A018",
        })).EnsureSuccessStatusCode();
        var agent = await SignInAsync(_dashboardB, "li", "li-pass-1234");
        (await agent.PutAsJsonAsync("api/agents/me/status", new { status = "online" })).EnsureSuccessStatusCode();

        await using var shopper = new DirectLineTestClient(_botA.BaseAddress);
        await shopper.StartAsync(Secret);
        await shopper.ConnectStreamAsync();
        await shopper.PostMessageAsync("水壶收到就漏水，我要换一个");
        // The after-sales intake asks for the order first; this shopper skips it (the photo then goes to the agent).
        await shopper.NextAsync(MessageContaining("订单号"), TimeSpan.FromSeconds(15));
        await shopper.PostMessageAsync("跳过，直接转人工");
        await shopper.NextAsync(MessageContaining("小李"), TimeSpan.FromSeconds(15));

        // The photo goes up through bot B (any instance), as Web Chat's attachment button sends it.
        shopper.UseBaseAddress(_botB.BaseAddress);
        var uploaded = await shopper.UploadAsync([("漏水.jpg", "image/jpeg", Photo("#2980b9", 800, 600))], text: "这里漏水");
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);

        var path = $"api/conversations/{Uri.EscapeDataString(shopper.ConversationId)}";
        JsonElement line = default;
        await Eventually.TrueAsync(async () =>
        {
            var t = await agent.GetFromJsonAsync<JsonElement>(path + "/transcript");
            line = t.GetProperty("entries").EnumerateArray().FirstOrDefault(e => e.TryGetProperty("attachments", out var a) && a.ValueKind == JsonValueKind.Array);
            return line.ValueKind != JsonValueKind.Undefined;
        }, TimeSpan.FromSeconds(10), "the photo reaches the agent's transcript");
        var file = line.GetProperty("attachments")[0];
        Assert.Equal("漏水.jpg", file.GetProperty("name").GetString());
        Assert.Equal("image/jpeg", file.GetProperty("contentType").GetString());
        Assert.True(file.GetProperty("size").GetInt64() > 0);
        // The agent's browser loads the thumbnail and the full picture from the bot with the dashboard's signed URLs.
        using var browser = new HttpClient();
        var thumbnail = await browser.GetAsync(file.GetProperty("thumbnailUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(file.GetProperty("url").GetString())).StatusCode);
        var page = await agent.GetAsync("/");
        Assert.Contains(_botA.BaseAddress.GetLeftPart(UriPartial.Authority), page.Headers.GetValues("Content-Security-Policy").Single());

        // The agent answers with a size chart; the shopper's Web Chat gets it as an attachment it can open.
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Photo("#27ae60", 300, 200)) { Headers = { ContentType = new("image/jpeg") } }, "file", "尺码表.jpg");
        form.Add(new StringContent("a-1"), "clientMessageId");
        var sent = await agent.PostAsync(path + "/attachments", form);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var fromAgent = await shopper.NextAsync(a => a["from"]?["name"]?.GetValue<string>() == "小李" && a["attachments"] is JsonArray, TimeSpan.FromSeconds(10));
        var chart = fromAgent["attachments"]![0]!;
        Assert.Equal("尺码表.jpg", chart["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(chart["contentUrl"]!.GetValue<string>())).StatusCode);

        // A file that lies about its type is refused for agents too, and nothing reaches the shopper.
        using var lying = new MultipartFormDataContent();
        lying.Add(new ByteArrayContent("<script>alert(1)</script>"u8.ToArray()) { Headers = { ContentType = new("image/jpeg") } }, "file", "x.jpg");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await agent.PostAsync(path + "/attachments", lying)).StatusCode);
    }

    [Fact]
    public async Task AnAdminAddsAnUnansweredQuestionToAnFaqThroughTheDashboardAndTheBotThenAnswersIt()
    {
        var admin = await SignInAsync(_dashboardA, "admin", "admin-pass-123");
        await using var shopper = new DirectLineTestClient(_botA.BaseAddress);
        await shopper.StartAsync(Secret);
        await shopper.ConnectStreamAsync();
        const string question = "铝箔餐盒丢进去烤会不会起火";
        await shopper.PostMessageAsync(question);
        var before = await shopper.NextAsync(a => a["type"]!.GetValue<string>() == "message" && a["from"]?["role"]?.GetValue<string>() == "bot"
                                     && a["replyToId"] is not null);
        Assert.DoesNotContain("锡纸", before["text"]!.GetValue<string>()); // not answered yet: a fallback or a clarifying question

        var files = await admin.GetFromJsonAsync<JsonElement>("api/knowledge/files");
        Assert.Contains(files.EnumerateArray(), f => f.GetProperty("id").GetString() == "product/airfryer-forbidden");

        (await admin.PostAsJsonAsync("api/knowledge/alternate-questions", new { faqId = "product/airfryer-forbidden", question }))
            .EnsureSuccessStatusCode();

        // The bot reloads the edited file within two seconds; ask again (slowly: the channel throttles floods).
        // Each attempt is a new shopper, so an early miss cannot count as a second fallback in one conversation.
        var answered = false;
        for (var attempt = 0; attempt < 10 && !answered; attempt++)
        {
            await Task.Delay(500);
            await using var next = new DirectLineTestClient(_botB.BaseAddress);
            await next.StartAsync(Secret);
            await next.ConnectStreamAsync();
            await next.PostMessageAsync(question);
            var reply = await next.NextAsync(a => a["type"]!.GetValue<string>() == "message" && a["from"]?["role"]?.GetValue<string>() == "bot"
                                                 && a["replyToId"] is not null);
            answered = reply["text"]!.GetValue<string>().Contains("锡纸");
        }
        Assert.True(answered, "the bot answers the new alternate question after the reload");
    }
}
