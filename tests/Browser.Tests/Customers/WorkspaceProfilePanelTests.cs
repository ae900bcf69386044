using ChatSupport.Browser.Tests.Dashboard;
using ChatSupport.HandoffDashboard;
using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.HandoffDashboard.Customers;
using ChatSupport.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Playwright;

namespace ChatSupport.Browser.Tests.Customers;

/// <summary>
/// The customer profile panel in the agent workspace (index.html), headless Chromium against a real dashboard and
/// redis-server: the agent who takes a chat sees that shopper's profile beside it, with the details the shopper gave
/// and this chat in the history, and corrects a detail from the chat.
/// </summary>
public sealed class WorkspaceProfilePanelTests(HeadlessChromium chromium) : IClassFixture<HeadlessChromium>
{
    [Fact]
    public async Task TheAgentServingAChatSeesAndCorrectsTheShoppersProfileBesideIt()
    {
        using var redis = RedisServer.Start();
        await using var dashboard = await RunningApp.StartAsync(args => DashboardApplication.Build(args, SourceWebRoot.Dashboard),
            $"--ConnectionStrings:Redis={redis.ConnectionString}", "--CannedReplies:AcceptGreeting:Enabled=false", "--Logging:LogLevel:Default=Warning");
        var users = dashboard.Service<RedisUserStore>();
        var agent = new DashboardUser(RedisUserStore.IdFor("xiaowang"), "xiaowang", "小王", "", [DashboardRoles.Agent], ["complaints"], 5);
        Assert.True(await users.TryCreateAsync(agent with { PasswordHash = dashboard.Service<IPasswordHasher<DashboardUser>>().HashPassword(agent, "agent-pass-123") }));

        const string customerId = "shopper-dl-panel";
        var customers = dashboard.Service<CustomerStore>();
        await customers.SeenAsync(customerId, "<i>韩梅梅</i>", "demo-hanmeimei", DateTimeOffset.UtcNow.AddDays(-3));
        await customers.UpdateAsync(customerId, new Dictionary<string, string?> { ["phone"] = "13900001111", ["memberLevel"] = "银卡" }, "test", DateTimeOffset.UtcNow);
        using var connection = redis.Connect();
        await new ContractBot(connection).EscalateAsync("dl-panel", "<i>韩梅梅</i>", ("customer", "电饭煲内胆掉漆了"));

        await using var context = await chromium.Browser.NewContextAsync(new() { BaseURL = dashboard.BaseAddress.ToString(), Locale = "zh-CN" });
        var problems = new List<string>();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        // Failed requests are judged by their URL: the order panel answers 503 without a store connector (none here), and
        // the intake summary 404 for a chat without an after-sales intake (this one).
        page.Response += (_, r) => { if (r.Status >= 400 && !r.Url.EndsWith("/orders") && !(r.Status == 404 && r.Url.EndsWith("/intake"))) lock (problems) problems.Add($"HTTP {r.Status} {r.Url}"); };
        page.PageError += (_, e) => { lock (problems) problems.Add(e); };
        await page.GotoAsync("/login.html");
        await page.GetByLabel("用户名").FillAsync("xiaowang");
        await page.GetByLabel("密码").FillAsync("agent-pass-123");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        await page.GetByRole(AriaRole.List, new() { Name = "排队中的会话" }).GetByRole(AriaRole.Button, new() { Name = "接入" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "聊天记录" }).GetByText("电饭煲内胆掉漆了")).ToBeVisibleAsync();

        var panel = page.Locator("#customer-panel");
        await Assertions.Expect(panel).ToBeVisibleAsync();
        await Assertions.Expect(panel.Locator("h3")).ToHaveTextAsync("<i>韩梅梅</i>"); // shopper text as text
        Assert.Equal(0, await panel.Locator("h3 i").CountAsync());
        // The agent serving the chat sees the contact details unmasked, and this chat in the history.
        await Assertions.Expect(panel.Locator("dd[data-field=phone]")).ToHaveTextAsync("13900001111");
        await Assertions.Expect(panel.Locator("dd[data-field=memberLevel]")).ToHaveTextAsync("银卡");
        await Assertions.Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "会话" })).ToBeVisibleAsync();
        await Assertions.Expect(panel).ToContainTextAsync("人工服务中");

        // A correction from the chat, saved to the profile.
        await panel.GetByLabel("会员等级").FillAsync("金卡");
        await panel.GetByLabel("备注（只给客服看）").FillAsync("内胆已过保，可申请换新券");
        await panel.GetByRole(AriaRole.Button, new() { Name = "保存资料" }).ClickAsync();
        await Assertions.Expect(panel.GetByText("已保存。")).ToBeVisibleAsync();
        await Assertions.Expect(panel.Locator("dd[data-field=memberLevel]")).ToHaveTextAsync("金卡");
        var saved = await customers.GetAsync(customerId);
        Assert.Equal("金卡", saved!.MemberLevel);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
