using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatSupport.Bot;
using ChatSupport.HandoffDashboard;
using ChatSupport.TestSupport;
using Microsoft.Playwright;

namespace ChatSupport.Browser.Tests.EndToEnd;

/// <summary>
/// The after-sales intake across both services for real (bot with the demo store connector served over HTTP, dashboard
/// reading it, one Redis): a signed-in demo shopper reports a leaking kettle, the bot asks which order and for a photo,
/// hands over with the summary, and the agent sees the summary and the order through the dashboard, in the API and in
/// the workspace page; the shopper sees the agent's name on the agent's reply in Web Chat.
/// </summary>
public sealed class AfterSalesIntakeTests(HeadlessChromium chromium) : IClassFixture<HeadlessChromium>, IAsyncLifetime
{
    private const string Secret = "intake-e2e-directline-secret-0123";
    private const string ConnectorKey = "intake-e2e-connector-key";
    private const string AdminKey = "intake-e2e-admin-key";
    private const string AttachmentKey = "intake-e2e-attachment-signing-key";
    private readonly string _attachments = Path.Combine(Path.GetTempPath(), "cs-intake-files-" + Guid.NewGuid().ToString("N"));
    private RedisServer _redis = null!;
    private RunningApp _bot = null!, _dashboard = null!;

    public async Task InitializeAsync()
    {
        _redis = RedisServer.Start();
        _bot = await RunningApp.StartAsync(args => BotApplication.Build(args, SourceWebRoot.Bot),
            [
                $"--ConnectionStrings:Redis={_redis.ConnectionString}", $"--DirectLine:Secret={Secret}", $"--Knowledge:Path={RepositoryPaths.Knowledge}",
                $"--Store:DemoConnectorKey={ConnectorKey}", "--Logging:LogLevel:Default=Warning",
                $"--Admin:ApiKey={AdminKey}", $"--Attachments:SigningKey={AttachmentKey}", $"--Attachments:Folder={_attachments}",
                .. Enum.GetNames<DayOfWeek>().Select(d => $"--Handoff:BusinessHours:{d}=00:00-00:00"),
            ]);
        _dashboard = await RunningApp.StartAsync(args => DashboardApplication.Build(args, SourceWebRoot.Dashboard),
            $"--ConnectionStrings:Redis={_redis.ConnectionString}", "--Dashboard:BootstrapAdmin:UserName=admin", "--Dashboard:BootstrapAdmin:Password=admin-pass-123",
            "--CannedReplies:AcceptGreeting:Enabled=false", "--Logging:LogLevel:Default=Warning",
            $"--Store:ConnectorBaseUrl={new Uri(_bot.BaseAddress, "demo-store/connector/")}", $"--Store:ConnectorKey={ConnectorKey}",
            $"--Bot:AdminBaseUrl={_bot.BaseAddress}", $"--Bot:AdminApiKey={AdminKey}",
            $"--Attachments:SigningKey={AttachmentKey}", $"--Attachments:BotPublicUrl={_bot.BaseAddress}");
    }

    public async Task DisposeAsync()
    {
        await _dashboard.DisposeAsync();
        await _bot.DisposeAsync();
        _redis.Dispose();
        try { if (Directory.Exists(_attachments)) Directory.Delete(_attachments, recursive: true); } catch (IOException) { }
    }

    private static byte[] Photo(string color, uint width, uint height)
    {
        using var image = new ImageMagick.MagickImage(new ImageMagick.MagickColor(color), width, height);
        return image.ToByteArray(ImageMagick.MagickFormat.Jpeg);
    }

    /// <summary>True once the image has loaded (a refused URL, a CSP block or a broken file leaves naturalWidth at 0).</summary>
    private static async Task<bool> LoadedAsync(ILocator image) =>
        await image.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0");

    private async Task<HttpClient> SignInAsync(string userName, string password)
    {
        var http = _dashboard.CreateClient(new HttpClientHandler { CookieContainer = new CookieContainer() });
        (await http.PostAsJsonAsync("api/auth/login", new { userName, password })).EnsureSuccessStatusCode();
        var antiforgery = await http.GetFromJsonAsync<JsonElement>("api/auth/antiforgery");
        http.DefaultRequestHeaders.Add("X-CSRF-TOKEN", antiforgery.GetProperty("token").GetString());
        return http;
    }

    /// <summary>An agent whose only skill is complaints, so auto-assignment leaves the after-sales chat for them to take by hand.</summary>
    private async Task CreateAgentAsync(string userName, string displayName, string[] skills)
    {
        var admin = await SignInAsync("admin", "admin-pass-123");
        (await admin.PostAsJsonAsync("api/agents", new
        {
            userName, displayName, password = "agent-pass-123", roles = new[] { "agent" }, skills, maxConcurrentChats = 3, employeeNumber = "A0" + userName.Length,
        })).EnsureSuccessStatusCode();
    }

    private async Task<DirectLineTestClient> DemoShopperAsync(string id)
    {
        using var http = _bot.CreateClient();
        var signed = await http.PostAsync($"/api/store/demo-shoppers/{id}/sign", null);
        signed.EnsureSuccessStatusCode();
        var token = await http.PostAsync("/api/store/chat-token", new StringContent(await signed.Content.ReadAsStringAsync(), System.Text.Encoding.UTF8, "application/json"));
        token.EnsureSuccessStatusCode();
        var client = new DirectLineTestClient(_bot.BaseAddress);
        await client.StartWithTokenAsync((await token.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>());
        await client.ConnectStreamAsync();
        return client;
    }

    [Fact]
    public async Task AnAfterSalesMessageGoesThroughTheIntakeAndTheAgentReadsTheSummaryAndTheOrderThroughTheDashboardApi()
    {
        await CreateAgentAsync("wang", "小王", ["after-sales", "general"]);
        var agent = await SignInAsync("wang", "agent-pass-123");
        // Someone on duty, or the bot offers to leave a message instead of a queue.
        (await agent.PutAsJsonAsync("api/agents/me/status", new { status = "online" })).EnsureSuccessStatusCode();

        await using var shopper = await DemoShopperAsync("demo-lilei");
        await shopper.PostMessageAsync("水壶收到就漏水，我要换一个");
        var choose = await shopper.NextAsync(DirectLineTestClient.BotSays("哪个订单"), TimeSpan.FromSeconds(15));
        var first = choose["suggestedActions"]!["actions"]!.AsArray()[0]!["title"]!.GetValue<string>();
        Assert.StartsWith("DM20260918", first); // the kettle order, named by the message, first
        await shopper.PostMessageAsync(first);
        await shopper.NextAsync(DirectLineTestClient.BotSays("照片"));
        var response = await shopper.SendAsync(HttpMethod.Post, $"v3/directline/conversations/{Uri.EscapeDataString(shopper.ConversationId)}/activities", shopper.Token, new
        {
            type = "message", text = "底部这里一直在滴水", locale = "zh-CN", from = new { id = "x", role = "user" },
            attachments = new[] { new { contentType = "image/jpeg", contentUrl = "https://shop.example/uploads/kettle-leak.jpg", name = "kettle-leak.jpg" } },
            channelData = new { clientActivityID = "photo-1" },
        });
        response.EnsureSuccessStatusCode();
        await shopper.NextAsync(DirectLineTestClient.BotSays("客服接入时就能看到"));
        await shopper.NextAsync(DirectLineTestClient.BotSays("转接人工客服"));

        // Auto-assignment gives the chat to the agent (after-sales skill); the shopper hears who joined.
        await shopper.NextAsync(DirectLineTestClient.BotSays("小王"), TimeSpan.FromSeconds(15));

        var id = Uri.EscapeDataString(shopper.ConversationId);
        var summary = await agent.GetFromJsonAsync<JsonElement>($"api/conversations/{id}/intake");
        Assert.Equal("after-sales", summary.GetProperty("reason").GetString());
        Assert.Equal("DM20260918", summary.GetProperty("orderId").GetString());
        Assert.True(summary.GetProperty("orderVerified").GetBoolean());
        Assert.Equal("电热水壶 1.7L", summary.GetProperty("order").GetProperty("items")[0].GetProperty("name").GetString());
        Assert.Equal("水壶收到就漏水，我要换一个\n底部这里一直在滴水", summary.GetProperty("problem").GetString());
        Assert.Equal("https://shop.example/uploads/kettle-leak.jpg", summary.GetProperty("photos")[0].GetProperty("contentUrl").GetString());
        Assert.Equal("complete", summary.GetProperty("outcome").GetString());

        var orders = await agent.GetFromJsonAsync<JsonElement>($"api/conversations/{id}/orders");
        Assert.Equal("DM20260918", orders.GetProperty("orderInQuestion").GetString());
        Assert.Equal("DM20260918", orders.GetProperty("orders")[0].GetProperty("orderId").GetString());
        Assert.Contains(orders.GetProperty("orders").EnumerateArray(), o => o.GetProperty("orderId").GetString() == "DM20261001");

        // Someone who may not see the chat gets no summary either.
        await CreateAgentAsync("zhao", "小赵", ["general"]);
        var other = await SignInAsync("zhao", "agent-pass-123");
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"api/conversations/{id}/intake")).StatusCode);
    }

    [Fact]
    public async Task AShopperAsksForTheirParcelReportsABrokenItemWithAPhotoAndTheAgentSeesTheSummaryTheOrderAndThePhotoAndRepliesWithAnImage()
    {
        await CreateAgentAsync("xiaowang", "小王", ["complaints"]);
        var onDuty = await SignInAsync("xiaowang", "agent-pass-123");
        (await onDuty.PutAsJsonAsync("api/agents/me/status", new { status = "online" })).EnsureSuccessStatusCode();

        // The shopper, on the store page.
        await using var shopperContext = await chromium.Browser.NewContextAsync(new() { Locale = "zh-CN" });
        var store = await shopperContext.NewPageAsync();
        await store.GotoAsync(_bot.BaseAddress.ToString());
        var bot = store.Locator(".webchat__bubble:not(.webchat__bubble--from-user)");
        await bot.Filter(new() { HasText = "欢迎" }).First.WaitForAsync(new() { Timeout = 15000 });
        await store.RunAndWaitForReloadAsync(() => store.SelectOptionAsync("#demo-shopper", "demo-lilei"), TimeSpan.FromSeconds(15));
        await bot.Filter(new() { HasText = "欢迎" }).First.WaitForAsync(new() { Timeout = 15000 });
        var input = store.GetByPlaceholder("键入消息");
        await input.FillAsync("我的快递到哪了");
        await input.PressAsync("Enter");
        await bot.Filter(new() { HasText = "SF1400123456789" }).First.WaitForAsync(new() { Timeout = 15000 });

        await input.FillAsync("水壶收到就漏水，我要换一个");
        await input.PressAsync("Enter");
        await bot.Filter(new() { HasText = "哪个订单" }).First.WaitForAsync(new() { Timeout = 15000 });
        await store.Locator(".webchat__suggested-actions__button", new() { HasText = "DM20260918" }).First.ClickAsync();
        await bot.Filter(new() { HasText = "照片" }).First.WaitForAsync(new() { Timeout = 15000 });
        // The photo goes through Web Chat's attachment button: its file input, as a shopper's file picker fills it.
        await store.Locator("#webchat input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "kettle-leak.jpg", MimeType = "image/jpeg", Buffer = Photo("#2980b9", 1200, 900),
        });
        var told = bot.Filter(new() { HasText = "客服接入时就能看到" }).First;
        await told.WaitForAsync(new() { Timeout = 15000 });
        Assert.Contains("DM20260918", await told.InnerTextAsync());
        await bot.Filter(new() { HasText = "转接人工客服" }).First.WaitForAsync(new() { Timeout = 15000 });

        // The agent, in the workspace.
        await using var agentContext = await chromium.Browser.NewContextAsync(new() { BaseURL = _dashboard.BaseAddress.ToString(), Locale = "zh-CN" });
        var page = await agentContext.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("用户名").FillAsync("xiaowang");
        await page.GetByLabel("密码").FillAsync("agent-pass-123");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        var queue = page.GetByRole(AriaRole.List, new() { Name = "排队中的会话" });
        await Assertions.Expect(queue.GetByText("李雷")).ToBeVisibleAsync(new() { Timeout = 15000 });
        await queue.GetByRole(AriaRole.Button, new() { Name = "接入" }).ClickAsync();

        var pinned = page.GetByLabel("售后信息汇总");
        await Assertions.Expect(pinned).ToContainTextAsync("DM20260918", new() { Timeout = 15000 });
        await Assertions.Expect(pinned).ToContainTextAsync("电热水壶 1.7L");
        await Assertions.Expect(pinned).ToContainTextAsync("水壶收到就漏水，我要换一个");
        // The photo in the summary: a thumbnail the agent's browser loads from the bot, opening the full picture.
        var summaryPhoto = pinned.Locator("a.attachment img").First;
        await Assertions.Expect(summaryPhoto).ToBeVisibleAsync(new() { Timeout = 15000 });
        await Eventually.TrueAsync(() => LoadedAsync(summaryPhoto), TimeSpan.FromSeconds(10), "the summary's thumbnail loads");
        Assert.Contains("/thumbnail", await summaryPhoto.GetAttributeAsync("src"));
        Assert.Contains("/file", await pinned.Locator("a.attachment").First.GetAttributeAsync("href"));
        // And in the transcript, on the shopper's line.
        var transcriptPhoto = page.Locator("#transcript .line-customer a.attachment img").First;
        await Assertions.Expect(transcriptPhoto).ToBeVisibleAsync(new() { Timeout = 15000 });
        await Eventually.TrueAsync(() => LoadedAsync(transcriptPhoto), TimeSpan.FromSeconds(10), "the transcript's thumbnail loads");

        var panel = page.GetByLabel("顾客订单");
        var firstOrder = panel.Locator(".order").First;
        await Assertions.Expect(firstOrder).ToHaveAttributeAsync("data-order-id", "DM20260918", new() { Timeout = 15000 });
        await Assertions.Expect(firstOrder).ToContainTextAsync("本次售后");
        await Assertions.Expect(firstOrder).ToContainTextAsync("已签收");
        await Assertions.Expect(panel.Locator(".order[data-order-id='DM20261001']")).ToContainTextAsync("北京朝阳区营业点");

        await page.GetByLabel("回复内容").FillAsync("您好，我是小王，照片收到了，这是退货面单。");
        await page.GetByRole(AriaRole.Button, new() { Name = "发送" }).ClickAsync();
        // The agent replies with an image through the workspace's file button.
        await page.Locator("#attach-input").SetInputFilesAsync(new FilePayload
        {
            Name = "退货面单.jpg", MimeType = "image/jpeg", Buffer = Photo("#27ae60", 600, 400),
        });

        // The shopper sees that a person answers: the agent's name above the bubble, and an avatar of the agent's own (the agent's
        // messages form their own sender group, so Web Chat draws the agent's avatar rather than the bot's 禾).
        var agentLine = store.Locator(".agent-message", new() { HasText = "照片收到了" }).First;
        await agentLine.WaitForAsync(new() { Timeout = 15000 });
        await Assertions.Expect(agentLine.Locator(".agent-name")).ToHaveTextAsync("人工客服 · 小王");
        var agentAvatar = store.Locator(".agent-avatar").First;
        await Assertions.Expect(agentAvatar).ToBeVisibleAsync(new() { Timeout = 15000 });
        await Assertions.Expect(agentAvatar).ToHaveTextAsync("王");
        Assert.True(await store.Locator(".webchat__initialsAvatar", new() { HasText = "禾" }).CountAsync() > 0, "the bot keeps its own avatar");
        // ... and the agent's image, loaded from the bot's signed URL, in Web Chat.
        var agentImage = store.Locator(".agent-message img[src*='/attachments/']").First;
        await agentImage.WaitForAsync(new() { Timeout = 15000 });
        await Eventually.TrueAsync(() => LoadedAsync(agentImage), TimeSpan.FromSeconds(10), "the agent's image loads in Web Chat");
        // A canned reply carrying a size chart, picked in the workspace's phrase panel: its text and its image go out together.
        var admin = await SignInAsync("admin", "admin-pass-123");
        var created = await admin.PostAsJsonAsync("api/canned-replies", new { title = "尺码表", text = "这是尺码表，请对照选择。", category = "售后", scope = "Team", kind = "Reply" });
        created.EnsureSuccessStatusCode();
        var replyId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using (var file = new MultipartFormDataContent())
        {
            file.Add(new ByteArrayContent(Photo("#8e44ad", 500, 300)) { Headers = { ContentType = new("image/jpeg") } }, "file", "尺码表.jpg");
            (await admin.PutAsync($"api/canned-replies/{replyId}/attachment", file)).EnsureSuccessStatusCode();
        }
        var category = page.Locator("#phrase-panel details[data-category='售后']");
        await Assertions.Expect(category).ToBeAttachedAsync(new() { Timeout = 15000 });
        await category.Locator("summary").ClickAsync();
        await category.Locator($".canned-panel-item[data-id='{replyId}']").ClickAsync();
        await Assertions.Expect(page.Locator("#canned-attachment")).ToContainTextAsync("尺码表.jpg");
        await page.GetByRole(AriaRole.Button, new() { Name = "发送" }).ClickAsync();
        var chartLine = store.Locator(".agent-message", new() { HasText = "这是尺码表" }).First;
        await chartLine.WaitForAsync(new() { Timeout = 15000 });
        var chart = chartLine.Locator("img[src*='/attachments/']").First;
        await chart.WaitForAsync(new() { Timeout = 15000 });
        await Eventually.TrueAsync(() => LoadedAsync(chart), TimeSpan.FromSeconds(10), "the canned reply's image loads in Web Chat");
        await Assertions.Expect(page.Locator("#canned-attachment")).ToBeHiddenAsync();

        // The bot's own messages stay unmarked.
        Assert.Equal(0, await store.Locator(".agent-message", new() { HasText = "欢迎" }).CountAsync());
    }
}
