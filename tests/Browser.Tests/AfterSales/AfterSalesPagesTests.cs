using ChatSupport.Browser.Tests;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.HandoffDashboard;
using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Tests.KnowledgeAdmin;
using ChatSupport.TestSupport;
using Microsoft.Playwright;
using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.Browser.Tests.AfterSales;

/// <summary>The after-sales pages in headless Chromium against a real dashboard and a real redis-server.</summary>
public sealed class AfterSalesPagesTests(HeadlessChromium chromium) : IClassFixture<HeadlessChromium>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static async Task<HttpClient> ApiAsync(RunningApp app, string userName)
    {
        var http = app.CreateClient(new HttpClientHandler { CookieContainer = new CookieContainer() });
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("api/auth/login", new { userName, password = DashboardSignIn.PasswordOf(userName) })).StatusCode);
        var antiforgery = JsonSerializer.Deserialize<JsonElement>(await http.GetStringAsync("api/auth/antiforgery"));
        http.DefaultRequestHeaders.Add("X-CSRF-TOKEN", antiforgery.GetProperty("token").GetString());
        return http;
    }

    [Fact]
    public async Task ASupervisorApprovesAPlanAndSeesItInTheClassificationTable()
    {
        using var redis = RedisServer.Start();
        await using var app = await RunningApp.StartAsync(args => DashboardApplication.Build(args, SourceWebRoot.Dashboard), $"--ConnectionStrings:Redis={redis.ConnectionString}");
        await DashboardSignIn.CreateUserAsync(app, "xiaoli", "小李", [DashboardRoles.Agent], ["general"]);
        await DashboardSignIn.CreateUserAsync(app, "zhuguan", "王主管", [DashboardRoles.Supervisor], ["general"]);
        using (var connection = redis.Connect())
        {
            var db = connection.GetDatabase();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            await db.HashSetAsync(ChatSupport.HandoffContract.HandoffKeys.BotDailyStats(today),
                [new("conversations", 40), new("handoffs", 10), new("handoffs:complaint", 4), new("handoffs:after-sales", 5), new("handoffs:human", 1), new("cases", 2)]);
            await db.HashSetAsync(ReportKeys.AgentDaily(today),
                [new("xiaoli|handled", 6), new("xiaoli|art_ms", 90_000), new("xiaoli|art_n", 3), new("xiaoli|frt_ms", 30_000), new("xiaoli|frt_n", 2)]);
        }

        // An agent registers a logistics complaint and takes it up to a plan.
        var agentApi = await ApiAsync(app, "xiaoli");
        var opened = JsonSerializer.Deserialize<JsonElement>(await (await agentApi.PostAsJsonAsync("api/complaints",
            new { customerName = "<b>王女士</b>", summary = "快递一周没到", category = "物流" })).Content.ReadAsStringAsync());
        var id = opened.GetProperty("complaint").GetProperty("id").GetString()!;
        foreach (var step in new object[] { new { to = "判断", validity = "成立" }, new { to = "调查" }, new { to = "方案", plan = "补发并赠送 20 元优惠券" } })
            Assert.Equal(HttpStatusCode.OK, (await agentApi.PostAsJsonAsync($"api/complaints/{id}/transitions", step)).StatusCode);

        // The agent's page offers the approval but explains it is a supervisor's.
        var agentPage = await chromium.SignedInPageAsync(app, "xiaoli", Timeout);
        await agentPage.GotoAsync($"complaints.html?id={id}");
        var agentApprove = agentPage.GetByRole(AriaRole.Button, new() { Name = "批准方案" });
        await Assertions.Expect(agentApprove).ToBeDisabledAsync();
        await Assertions.Expect(agentPage.GetByText("只有主管可以审批方案。")).ToBeVisibleAsync();
        await Assertions.Expect(agentPage.GetByText("<b>王女士</b>").First).ToBeVisibleAsync(); // shown as text, not markup

        var page = await chromium.SignedInPageAsync(app, "zhuguan", Timeout);
        await page.GotoAsync($"complaints.html?id={id}");
        await Assertions.Expect(page.GetByText("补发并赠送 20 元优惠券").First).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Form, new() { Name = "转到审批" }).GetByLabel("审批意见").FillAsync("同意补发");
        await page.GetByRole(AriaRole.Button, new() { Name = "批准方案" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "已转到“审批”" })).ToBeVisibleAsync();
        var history = page.GetByRole(AriaRole.Table, new() { Name = "处理记录" });
        await Assertions.Expect(history.GetByRole(AriaRole.Row).Filter(new() { HasText = "方案 → 审批" })).ToContainTextAsync("王主管");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "开始实施" })).ToBeEnabledAsync();
        var shotDir = Environment.GetEnvironmentVariable("AFTERSALES_SCREENSHOT_DIR");
        if (shotDir is not null) await page.ScreenshotAsync(new() { Path = Path.Combine(shotDir, "complaint.png"), FullPage = true });

        await page.GotoAsync("reports.html");
        var table = page.GetByRole(AriaRole.Table, new() { Name = "投诉分类统计" });
        await Assertions.Expect(table.Locator("td[data-category='物流'][data-state='审批']")).ToHaveTextAsync("1");
        await Assertions.Expect(table.Locator("td[data-category='物流'][data-state='方案']")).ToHaveTextAsync("0");
        await Assertions.Expect(table.Locator("td[data-category='合计'][data-state='合计']")).ToHaveTextAsync("1");

        // Charts draw when Chart.js is served from /lib (the front-end build copies it there); the tables above never depend on it.
        if (await page.EvaluateAsync<bool>("() => typeof Chart !== 'undefined'"))
        {
            Assert.True(await page.EvaluateAsync<bool>("() => ['chart-agents','chart-daily','chart-containment','chart-reasons'].every(id => !!Chart.getChart(document.getElementById(id)))"));
        }
        if (shotDir is not null) await page.ScreenshotAsync(new() { Path = Path.Combine(shotDir, "reports.png"), FullPage = true });
    }

    [Fact]
    public async Task AComplaintFromAChatShowsTheChatPhotoAsAThumbnailThatOpensTheFullPicture()
    {
        const string attachmentKey = "browser-complaint-attachment-key";
        var files = Path.Combine(Path.GetTempPath(), "cs-browser-complaint-" + Guid.NewGuid().ToString("N"));
        using var redis = RedisServer.Start();
        await using var bot = await RunningApp.StartAsync(args => ChatSupport.Bot.BotApplication.Build(args, SourceWebRoot.Bot),
            [$"--ConnectionStrings:Redis={redis.ConnectionString}", "--DirectLine:Secret=browser-complaint-directline-secret", "--Logging:LogLevel:Default=Warning",
             $"--Attachments:SigningKey={attachmentKey}", $"--Attachments:Folder={files}"]);
        await using var app = await RunningApp.StartAsync(args => DashboardApplication.Build(args, SourceWebRoot.Dashboard),
            $"--ConnectionStrings:Redis={redis.ConnectionString}", "--Logging:LogLevel:Default=Warning",
            $"--Attachments:SigningKey={attachmentKey}", $"--Attachments:BotPublicUrl={bot.BaseAddress}");
        try
        {
            await DashboardSignIn.CreateUserAsync(app, "xiaoli", "小李", [DashboardRoles.Agent], ["general"]);

            // xiaoli's chat, in which the shopper sent a photo (stored by the bot as an upload stores it).
            var conversation = "conv-" + Guid.NewGuid().ToString("N")[..8];
            byte[] Jpeg(int w, int h)
            {
                using var image = new ImageMagick.MagickImage(new ImageMagick.MagickColor("#27ae60"), (uint)w, (uint)h);
                return image.ToByteArray(ImageMagick.MagickFormat.Jpeg);
            }
            var photo = await bot.Service<ChatSupport.Bot.Attachments.AttachmentStore>().SaveAsync(conversation,
                new ChatSupport.Bot.Attachments.CheckedFile("漏水.jpg", "image/jpeg", Jpeg(800, 600), Jpeg(160, 120), 800, 600), "customer", CancellationToken.None);
            using (var connection = redis.Connect())
            {
                var db = connection.GetDatabase();
                await db.HashSetAsync(ChatSupport.HandoffContract.HandoffKeys.Conversation(conversation),
                [
                    new(ChatSupport.HandoffContract.ConversationFields.CustomerName, "赵女士"),
                    new(ChatSupport.HandoffContract.ConversationFields.Status, nameof(ChatSupport.HandoffContract.ConversationStatus.WithAgent)),
                    new(ChatSupport.HandoffContract.ConversationFields.Assignee, "xiaoli"),
                ]);
                await db.ListRightPushAsync(ChatSupport.HandoffContract.HandoffKeys.Transcript(conversation),
                    new ChatSupport.HandoffContract.TranscriptEntry($"{conversation}|0000001", DateTimeOffset.UtcNow, "customer", null, "水壶底部漏水", [photo]).ToJson());
            }
            var agentApi = await ApiAsync(app, "xiaoli");
            var opened = await agentApi.PostAsJsonAsync("api/complaints", new { conversationId = conversation, category = "质量" });
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
            var id = JsonSerializer.Deserialize<JsonElement>(await opened.Content.ReadAsStringAsync()).GetProperty("complaint").GetProperty("id").GetString()!;

            var page = await chromium.SignedInPageAsync(app, "xiaoli", Timeout);
            await page.GotoAsync($"complaints.html?id={id}");
            var thumbnail = page.Locator("#detail-excerpt img.attachment-thumbnail");
            await Assertions.Expect(thumbnail).ToHaveAttributeAsync("alt", "漏水.jpg");
            await page.WaitForFunctionAsync("() => { const i = document.querySelector('#detail-excerpt img.attachment-thumbnail'); return i && i.complete && i.naturalWidth > 0; }");
            Assert.Equal(160, await thumbnail.EvaluateAsync<int>("i => i.naturalWidth")); // the thumbnail, not the full picture
            var link = page.Locator("#detail-excerpt a.attachment");
            var href = await link.GetAttributeAsync("href");
            Assert.StartsWith(bot.BaseAddress.ToString().TrimEnd('/') + "/attachments/", href);
            Assert.Equal("_blank", await link.GetAttributeAsync("target"));
            var full = await page.Context.APIRequest.GetAsync(href!);
            Assert.Equal(200, full.Status);
            Assert.Equal("image/jpeg", full.Headers["content-type"]);
        }
        finally
        {
            try { if (Directory.Exists(files)) Directory.Delete(files, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task AnAdminTurnsAnUnansweredQuestionIntoAnAlternateQuestionAndTheBotThenAnswersIt()
    {
        using var redis = RedisServer.Start();
        await using var bot = await RealBotAdmin.StartAsync();
        const string question = "你们有没有实体店可以去看看";
        await bot.AskAsync(question);
        await using var app = await RunningApp.StartAsync(args => DashboardApplication.Build(args, SourceWebRoot.Dashboard),
            $"--ConnectionStrings:Redis={redis.ConnectionString}", $"--Bot:AdminBaseUrl={bot.BaseUrl}", $"--Bot:AdminApiKey={RealBotAdmin.Key}");
        await DashboardSignIn.CreateUserAsync(app, "guanli", "管理员", [DashboardRoles.Admin, DashboardRoles.Supervisor], ["general"]);
        var page = await chromium.SignedInPageAsync(app, "guanli", Timeout);
        var traffic = new List<string>();
        page.Response += (_, r) => traffic.Add(r.Url);

        await page.GotoAsync("knowledge.html");
        await page.GetByLabel("顾客会怎么问").FillAsync(question);
        await page.GetByRole(AriaRole.Button, new() { Name = "测试" }).ClickAsync();
        await Assertions.Expect(page.Locator("#test-result")).ToContainTextAsync("兜底回复");

        var unanswered = page.GetByRole(AriaRole.Table, new() { Name = "没答上的问题" });
        await Assertions.Expect(unanswered.GetByRole(AriaRole.Row).Filter(new() { HasText = question })).ToBeVisibleAsync();
        await page.GetByLabel($"为“{question}”选择 FAQ").SelectOptionAsync("returns/policy");
        await page.GetByRole(AriaRole.Button, new() { Name = $"把“{question}”添加为相似问法" }).ClickAsync();
        await Assertions.Expect(page.Locator("#unanswered-status")).ToContainTextAsync($"已把“{question}”加到 returns/policy");
        await Assertions.Expect(unanswered.GetByRole(AriaRole.Row).Filter(new() { HasText = question })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "测试" }).ClickAsync();
        await Assertions.Expect(page.Locator("#test-result")).ToContainTextAsync("直接回答");
        await Assertions.Expect(page.Locator("#test-result")).ToContainTextAsync("FAQ：returns/policy");

        // Editing: an invalid file is refused with the reason; the preview never runs markup.
        await page.GetByRole(AriaRole.Button, new() { Name = "编辑 shipping/courier.md" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Markdown")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("默认发哪家快递"));
        await page.GetByLabel("Markdown").FillAsync("---\ntitle: 你们发什么快递？\n---\n<img src=x onerror=\"document.title='pwned'\">默认发中通\n");
        await Assertions.Expect(page.Locator("#preview")).ToContainTextAsync("<img src=x");
        await page.GetByLabel("Markdown").FillAsync("---\ntitle: 你们发什么快递？\n---\n\n");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(page.Locator("#save-status")).ToContainTextAsync("第 4 行");
        Assert.Contains("默认发**中通快递**", bot.File("shipping/courier.md"));
        Assert.NotEqual("pwned", await page.TitleAsync());
        Assert.All(traffic, url => Assert.StartsWith(app.BaseAddress.ToString(), url));
    }
}
