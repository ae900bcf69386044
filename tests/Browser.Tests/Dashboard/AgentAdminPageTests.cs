using ChatSupport.Browser.Tests;
using ChatSupport.HandoffDashboard;
using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.TestSupport;
using Microsoft.Playwright;

namespace ChatSupport.Browser.Tests.Dashboard;

public sealed class AgentAdminPageTests(HeadlessChromium chromium) : IClassFixture<HeadlessChromium>
{
    [Fact]
    public async Task AdminCreatesAnAgentWithSkillsOnTheAdminPage()
    {
        using var redis = RedisServer.Start();
        await using var dashboard = await RunningApp.StartAsync(args => DashboardApplication.Build(args, SourceWebRoot.Dashboard),
            $"--ConnectionStrings:Redis={redis.ConnectionString}", "--Dashboard:BootstrapAdmin:Password=admin-pass-123");
        await using var context = await chromium.Browser.NewContextAsync(new() { BaseURL = dashboard.BaseAddress.ToString() });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/admin.html");
        await page.GetByLabel("用户名").FillAsync("admin");
        await page.GetByLabel("密码").FillAsync("admin-pass-123");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "新增客服" })).ToBeVisibleAsync();

        var form = page.GetByRole(AriaRole.Form, new() { Name = "新增客服" });
        await form.GetByLabel("用户名").FillAsync("xiaochen");
        await form.GetByLabel("显示名称").FillAsync("小陈");
        await form.GetByLabel("初始密码").FillAsync("chen-pass-123");
        await form.GetByLabel("投诉").CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "创建" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "小陈", Exact = true })).ToBeVisibleAsync();
        var created = await dashboard.Service<RedisUserStore>().FindAsync("xiaochen");
        Assert.NotNull(created);
        Assert.Equal(["general", "complaints"], created.Skills);
        Assert.Equal(["agent"], created.Roles);
    }

    [Fact]
    public async Task AgentsAreSentAwayFromTheAdminPage()
    {
        using var redis = RedisServer.Start();
        await using var dashboard = await RunningApp.StartAsync(args => DashboardApplication.Build(args, SourceWebRoot.Dashboard),
            $"--ConnectionStrings:Redis={redis.ConnectionString}", "--Dashboard:BootstrapAdmin:Password=admin-pass-123");
        var users = dashboard.Service<RedisUserStore>();
        var hasher = dashboard.Service<Microsoft.AspNetCore.Identity.IPasswordHasher<DashboardUser>>();
        var agent = new DashboardUser("zhou", "zhou", "小周", "", [DashboardRoles.Agent], ["general"], 3);
        await users.TryCreateAsync(agent with { PasswordHash = hasher.HashPassword(agent, "zhou-pass-123") });
        await using var context = await chromium.Browser.NewContextAsync(new() { BaseURL = dashboard.BaseAddress.ToString() });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/admin.html");
        await page.GetByLabel("用户名").FillAsync("zhou");
        await page.GetByLabel("密码").FillAsync("zhou-pass-123");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/index.html"));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "客服管理" })).ToBeHiddenAsync();
    }
}
