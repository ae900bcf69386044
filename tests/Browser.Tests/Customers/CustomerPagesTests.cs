using System.Text.Json;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffContract.Keys;
using ChatSupport.HandoffDashboard;
using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.HandoffDashboard.Customers;
using ChatSupport.HandoffDashboard.Sales;
using ChatSupport.TestSupport;
using Microsoft.Playwright;

namespace ChatSupport.Browser.Tests.Customers;

/// <summary>The customer profile panel and the sales report in headless Chromium against a real dashboard and redis-server.</summary>
public sealed class CustomerPagesTests(HeadlessChromium chromium) : IClassFixture<HeadlessChromium>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ASupervisorCorrectsAProfileInThePanelAndAnotherAgentIsTurnedAway()
    {
        using var redis = RedisServer.Start();
        await using var app = await RunningApp.StartAsync(args => DashboardApplication.Build(args, SourceWebRoot.Dashboard), $"--ConnectionStrings:Redis={redis.ConnectionString}");
        await DashboardSignIn.CreateUserAsync(app, "xiaoli", "小李", [DashboardRoles.Agent], ["general", "complaints"]);
        await DashboardSignIn.CreateUserAsync(app, "zhuguan", "王主管", [DashboardRoles.Supervisor], ["general", "complaints"]);
        const string id = "shopper-demo-lilei";
        var store = app.Service<CustomerStore>();
        await store.SeenAsync(id, "<b>李雷</b>", "demo-lilei", DateTimeOffset.UtcNow.AddHours(-1));
        await store.UpdateAsync(id, new Dictionary<string, string?> { ["phone"] = "13812345678" }, "test", DateTimeOffset.UtcNow);
        using (var connection = redis.Connect())
            await connection.GetDatabase().SortedSetAddAsync(HandoffKeys.CustomerConversations(id), "c-1", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

        var problems = new List<string>();
        var page = (await chromium.SignedInPageAsync(app, "zhuguan", Timeout)).RecordProblems(problems, httpErrors: true);
        await page.GotoAsync("customers.html");
        await page.GetByLabel("称呼、顾客ID、标签或会员等级").FillAsync("李雷");
        await page.GetByRole(AriaRole.Button, new() { Name = "查找" }).ClickAsync();
        await page.Locator($"tr[data-customer='{id}']").ClickAsync();

        var panel = page.Locator("#customer-panel");
        await Assertions.Expect(panel.Locator("h3")).ToHaveTextAsync("<b>李雷</b>"); // shopper text as text, not markup
        await Assertions.Expect(panel.Locator("dd[data-field=phone]")).ToHaveTextAsync("13812345678");
        await panel.GetByLabel("会员等级").FillAsync("金卡");
        await panel.GetByLabel("标签（用逗号分隔）").FillAsync("老顾客，爱买锅");
        await panel.GetByLabel("备注（只给客服看）").FillAsync("喜欢顺丰");
        await panel.GetByRole(AriaRole.Button, new() { Name = "保存资料" }).ClickAsync();
        await Assertions.Expect(panel.GetByText("已保存。")).ToBeVisibleAsync();
        await Assertions.Expect(panel.Locator("dd[data-field=memberLevel]")).ToHaveTextAsync("金卡");
        await Assertions.Expect(panel.Locator("dd[data-field=tags]")).ToHaveTextAsync("老顾客、爱买锅");
        await Assertions.Expect(panel.GetByText("喜欢顺丰")).ToBeVisibleAsync();
        // The supervisor assigns by the balance rule's suggestion.
        await Assertions.Expect(panel.Locator(".cp-suggestion")).ToContainTextAsync("建议：小李");
        await panel.GetByRole(AriaRole.Button, new() { Name = "分配", Exact = true }).ClickAsync();
        await Assertions.Expect(panel.Locator("dd[data-field=agent]")).ToHaveTextAsync("小李");

        // 小李 now owns the customer: the same panel, with the due date; a customer of nobody he served is refused.
        var agentPage = (await chromium.SignedInPageAsync(app, "xiaoli", Timeout)).RecordProblems(problems, httpErrors: true);
        await agentPage.GotoAsync("customers.html");
        await agentPage.Locator($"#mine tr[data-customer='{id}']").ClickAsync();
        await Assertions.Expect(agentPage.Locator("#customer-panel dd[data-field=phone]")).ToHaveTextAsync("13812345678");
        await Assertions.Expect(agentPage.Locator("#customer-panel dd[data-field=due]")).Not.ToHaveTextAsync("—");
        await store.SeenAsync("dl_other", "别人的顾客", null, DateTimeOffset.UtcNow);
        await agentPage.GotoAsync("customers.html#dl_other");
        await Assertions.Expect(agentPage.Locator("#customer-panel")).ToContainTextAsync("无权查看这位顾客");
        Assert.DoesNotContain(problems, p => !p.Contains("404") && !p.Contains("403"));
    }

    [Fact]
    public async Task TheSalesReportShowsPerAgentFiguresAgainstTheTeamInChartsAndTable()
    {
        using var redis = RedisServer.Start();
        await using var app = await RunningApp.StartAsync(args => DashboardApplication.Build(args, SourceWebRoot.Dashboard), $"--ConnectionStrings:Redis={redis.ConnectionString}");
        await DashboardSignIn.CreateUserAsync(app, "xiaoli", "小李", [DashboardRoles.Agent], ["general", "complaints"]);
        await DashboardSignIn.CreateUserAsync(app, "xiaowang", "小王", [DashboardRoles.Agent], ["general", "complaints"]);
        await DashboardSignIn.CreateUserAsync(app, "zhuguan", "王主管", [DashboardRoles.Supervisor], ["general", "complaints"]);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        using (var connection = redis.Connect())
        {
            var db = connection.GetDatabase();
            string F(string who, string metric) => SalesMetrics.Field(who, metric);
            await db.HashSetAsync(SalesKeys.Daily(today),
            [
                new(F("xiaoli", SalesMetrics.Served), 10), new(F("xiaoli", SalesMetrics.Buyers), 5), new(F("xiaoli", SalesMetrics.Orders), 5),
                new(F("xiaoli", SalesMetrics.Amount), 100_000), new(F("xiaoli", SalesMetrics.Items), 10),
                new(F("xiaowang", SalesMetrics.Served), 10), new(F("xiaowang", SalesMetrics.Buyers), 1), new(F("xiaowang", SalesMetrics.Orders), 1),
                new(F("xiaowang", SalesMetrics.Amount), 10_000), new(F("xiaowang", SalesMetrics.Items), 1),
                new(F("store", SalesMetrics.Orders), 20), new(F("store", SalesMetrics.Amount), 300_000), new(F("store", SalesMetrics.Items), 30),
            ]);
        }

        var problems = new List<string>();
        var page = (await chromium.SignedInPageAsync(app, "zhuguan", Timeout)).RecordProblems(problems, httpErrors: true);
        await page.GotoAsync("reports.html");
        var li = page.Locator("#sales tr[data-agent=xiaoli]");
        await Assertions.Expect(li).ToContainTextAsync("50.0%");    // 5 buyers of 10 served
        await Assertions.Expect(li).ToContainTextAsync("+20.0 个百分点"); // team: 6 of 20 = 30%
        await Assertions.Expect(li).ToContainTextAsync("200");      // 客单价 1000 / 5
        await Assertions.Expect(page.Locator("#sales tr[data-agent=xiaowang]")).ToContainTextAsync("-20.0 个百分点");
        await Assertions.Expect(page.Locator("#sales tr[data-agent=team]")).ToContainTextAsync("30.0%");
        await Assertions.Expect(page.Locator("#sales-store")).ToContainTextAsync("件均价 100 元");
        // The charts were drawn by Chart.js (from wwwroot/lib) on their canvases.
        foreach (var canvas in new[] { "chart-sales", "chart-conversion", "chart-sales-daily" })
            Assert.True(await page.EvaluateAsync<bool>($"() => !!window.Chart && !!window.Chart.getChart('{canvas}')"), canvas);
        // ... drawn with the figures, not empty: per agent (bars in agent order) and per day, and actually painted.
        Assert.Equal(new[] { "小李", "小王" }, await page.EvaluateAsync<string[]>("() => Chart.getChart('chart-sales').data.labels.slice().sort()"));
        Assert.Equal(new[] { 1000.0, 100.0 }, await page.EvaluateAsync<double[]>(
            "() => { const c = Chart.getChart('chart-sales'); return ['小李', '小王'].map(n => c.data.datasets[0].data[c.data.labels.indexOf(n)]); }"));
        Assert.Equal(new[] { 50.0, 10.0 }, await page.EvaluateAsync<double[]>(
            "() => { const c = Chart.getChart('chart-conversion'); return ['小李', '小王'].map(n => c.data.datasets[0].data[c.data.labels.indexOf(n)]); }"));
        Assert.True(await page.EvaluateAsync<bool>(
            "() => Chart.getChart('chart-sales-daily').data.datasets.every(d => d.data.some(v => v > 0))"), "the daily chart has store and agent sales");
        Assert.True(await page.EvaluateAsync<bool>("""
            () => { const c = document.getElementById('chart-sales'); const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                    for (let i = 3; i < px.length; i += 4) if (px[i] > 0) return true; return false; }
            """), "the sales chart's canvas has been painted");
        Assert.Contains("客单价", await (await page.APIRequest.GetAsync("api/reports/sales?format=csv")).TextAsync());

        // The page's report is the light shape (totals, team, per-day team series; no agent-day rows); one agent's days come on a click.
        var light = JsonSerializer.Deserialize<JsonElement>(await (await page.APIRequest.GetAsync("api/reports/sales")).TextAsync());
        Assert.Equal("agent", light.GetProperty("detail").GetString());
        Assert.False(light.TryGetProperty("days", out _));
        Assert.Equal(2, light.GetProperty("agents").GetArrayLength());
        Assert.Equal(1, light.GetProperty("teamDays").GetArrayLength());
        var detailed = JsonSerializer.Deserialize<JsonElement>(await (await page.APIRequest.GetAsync("api/reports/sales?detail=day")).TextAsync());
        Assert.Equal(2, detailed.GetProperty("days").GetArrayLength());
        await page.GetByRole(AriaRole.Button, new() { Name = "小李" }).ClickAsync();
        await Assertions.Expect(page.Locator("#sales-agent-days-title")).ToHaveTextAsync("小李 每日明细");
        var liToday = page.Locator($"#sales-agent-days-rows tr[data-day='{today:yyyy-MM-dd}']");
        await Assertions.Expect(liToday).ToContainTextAsync("50.0%");
        await Assertions.Expect(liToday).ToContainTextAsync("1000");
        await Assertions.Expect(page.Locator("#sales-agent-days-rows tr")).ToHaveCountAsync(1);

        // An agent sees only their own row and the team's.
        var agentPage = (await chromium.SignedInPageAsync(app, "xiaowang", Timeout)).RecordProblems(problems, httpErrors: true);
        await agentPage.GotoAsync("reports.html");
        await Assertions.Expect(agentPage.Locator("#sales tr[data-agent=team]")).ToBeVisibleAsync();
        await Assertions.Expect(agentPage.Locator("#sales tr[data-agent=xiaowang]")).ToBeVisibleAsync();
        await Assertions.Expect(agentPage.Locator("#sales tr[data-agent=xiaoli]")).ToHaveCountAsync(0);
        var unexpected = problems.Where(p => !p.Contains("403")).ToList();
        Assert.True(unexpected.Count == 0, string.Join("\n", unexpected));
    }
}
