using ChatSupport.Browser.Tests;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard;
using ChatSupport.TestSupport;
using Microsoft.Playwright;

namespace ChatSupport.Browser.Tests.Dashboard;

public sealed class SearchPageTests(HeadlessChromium chromium) : IClassFixture<HeadlessChromium>
{
    [Fact]
    public async Task ASupervisorFindsAChatInTheOtherScriptSeesTheMatchHighlightedAndOpensIt()
    {
        using var redis = RedisServer.Start();
        using (var connection = redis.Connect())
        {
            var db = connection.GetDatabase();
            var at = DateTimeOffset.UtcNow.AddMinutes(-30);
            await db.HashSetAsync(HandoffKeys.Conversation("c-search"),
            [
                new(ConversationFields.Status, nameof(ConversationStatus.WaitingForAgent)), new(ConversationFields.CustomerId, "cust-1"),
                new(ConversationFields.CustomerName, "陳小明"), new(ConversationFields.Reason, "after-sales"),
                new(ConversationFields.StartedAt, at.ToString("O")), new(ConversationFields.EscalatedAt, at.ToString("O")),
            ]);
            await db.ListRightPushAsync(HandoffKeys.Transcript("c-search"), new TranscriptEntry("c-search|0000001", at, "customer", "陳小明", "我要退貨，<b>包裝</b>破損了").ToJson());
            await db.SortedSetAddAsync(HandoffKeys.Queue, "c-search", QueueScore.For(HandoffReason.AfterSales, at));
            await db.ListRightPushAsync(HandoffKeys.Transcript("c-search"), new TranscriptEntry("c-search|0000002", at.AddMinutes(1), "bot", "小助手", "请提供订单号").ToJson());
        }
        await using var dashboard = await RunningApp.StartAsync(args => DashboardApplication.Build(args, SourceWebRoot.Dashboard),
            $"--ConnectionStrings:Redis={redis.ConnectionString}", "--Dashboard:BootstrapAdmin:Password=admin-pass-123");
        await using var context = await chromium.Browser.NewContextAsync(new() { BaseURL = dashboard.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        var cspErrors = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy")) cspErrors.Add(message.Text); };

        await page.GotoAsync("/search.html");
        await page.GetByLabel("用户名").FillAsync("admin");
        await page.GetByLabel("密码").FillAsync("admin-pass-123");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "搜索会话" })).ToBeVisibleAsync();

        // Simplified query, traditional text; the index is filled from Redis at start-up, so retry until it has it.
        await page.GetByLabel("关键词").FillAsync("退货");
        var results = page.GetByRole(AriaRole.List, new() { Name = "搜索结果" });
        await Eventually.TrueAsync(async () =>
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "搜索" }).ClickAsync();
            await page.WaitForFunctionAsync("() => !document.getElementById('search-status').textContent.includes('搜索中')");
            return await results.Locator("mark").CountAsync() > 0;
        }, TimeSpan.FromSeconds(20), "the seeded chat is found");

        await Assertions.Expect(results.Locator("mark").First).ToHaveTextAsync("退貨");
        // Shopper text is shown as text, never as markup.
        await Assertions.Expect(results.Locator("li.hit").First).ToContainTextAsync("<b>包裝</b>");
        Assert.Equal(0, await results.Locator("b").CountAsync());

        await results.GetByRole(AriaRole.Link, new() { Name = "陳小明" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"\?conversation=c-search"));
        await Assertions.Expect(page.Locator("#transcript")).ToContainTextAsync("请提供订单号");
        Assert.Empty(cspErrors);
    }
}
