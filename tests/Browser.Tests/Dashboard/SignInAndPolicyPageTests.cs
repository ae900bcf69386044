using System.Text.RegularExpressions;
using ChatSupport.Browser.Tests;
using ChatSupport.HandoffDashboard;
using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.TestSupport;
using Microsoft.Playwright;

namespace ChatSupport.Browser.Tests.Dashboard;

/// <summary>The sign-in page's returnUrl, the pages under the strict Content-Security-Policy, and the disable control.</summary>
public sealed class SignInAndPolicyPageTests(HeadlessChromium chromium) : IClassFixture<HeadlessChromium>
{
    private static Task<RunningApp> StartAsync(RedisServer redis) =>
        RunningApp.StartAsync(args => DashboardApplication.Build(args, SourceWebRoot.Dashboard),
            $"--ConnectionStrings:Redis={redis.ConnectionString}", "--Dashboard:BootstrapAdmin:Password=admin-pass-123",
            "--Dashboard:SignIn:RevalidateSeconds=0");

    private static async Task SignInAsync(IPage page, string path, string user = "admin", string password = "admin-pass-123")
    {
        await page.GotoAsync(path);
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
    }

    [Fact]
    public async Task AReturnUrlThatBrowsersReadAsAnotherSiteLandsOnTheWorkspace()
    {
        using var redis = RedisServer.Start();
        await using var dashboard = await StartAsync(redis);
        await using var context = await chromium.Browser.NewContextAsync(new() { BaseURL = dashboard.BaseAddress.ToString() });
        var page = await context.NewPageAsync();

        // "/\evil.example" is read by browsers as "//evil.example".
        await SignInAsync(page, "/login.html?returnUrl=%2F%5Cevil.example");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(dashboard.BaseAddress.ToString()) + "index\\.html$"));

        await using var second = await chromium.Browser.NewContextAsync(new() { BaseURL = dashboard.BaseAddress.ToString() });
        var local = await second.NewPageAsync();
        await SignInAsync(local, "/login.html?returnUrl=%2Freports.html");
        await Assertions.Expect(local).ToHaveURLAsync(new Regex("/reports\\.html$"));
    }

    [Fact]
    public async Task EveryPageRunsUnderThePolicyWithoutAViolation()
    {
        using var redis = RedisServer.Start();
        await using var dashboard = await StartAsync(redis);
        await using var context = await chromium.Browser.NewContextAsync(new() { BaseURL = dashboard.BaseAddress.ToString() });
        var violations = new List<string>();
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(message.Text);
        };
        await context.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));");
        await SignInAsync(page, "/login.html");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/index\\.html$"));

        foreach (var path in new[] { "/index.html", "/admin.html", "/canned-replies.html", "/composer-sandbox.html", "/complaints.html",
                     "/follow-ups.html", "/handovers.html", "/reports.html", "/knowledge.html" })
        {
            var response = await page.GotoAsync(path);
            Assert.Contains("script-src 'self'", (await response!.AllHeadersAsync())["content-security-policy"]);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }
        // The scripts moved out of the pages still run: the canned-replies page lists its phrases.
        await page.GotoAsync("/canned-replies.html");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("禁用语");

        Assert.Empty(violations);
    }

    [Fact]
    public async Task AnAdminDisablesAnAccountOnTheAdminPageAndItsSessionEnds()
    {
        using var redis = RedisServer.Start();
        await using var dashboard = await StartAsync(redis);
        var users = dashboard.Service<RedisUserStore>();
        var hasher = dashboard.Service<Microsoft.AspNetCore.Identity.IPasswordHasher<DashboardUser>>();
        var agent = new DashboardUser("zhou", "zhou", "小周", "", [DashboardRoles.Agent], ["general"], 3);
        await users.TryCreateAsync(agent with { PasswordHash = hasher.HashPassword(agent, "zhou-pass-123") });
        await using var agentContext = await chromium.Browser.NewContextAsync(new() { BaseURL = dashboard.BaseAddress.ToString() });
        var agentPage = await agentContext.NewPageAsync();
        await SignInAsync(agentPage, "/login.html", "zhou", "zhou-pass-123");
        await Assertions.Expect(agentPage).ToHaveURLAsync(new Regex("/index\\.html$"));

        await using var adminContext = await chromium.Browser.NewContextAsync(new() { BaseURL = dashboard.BaseAddress.ToString() });
        var admin = await adminContext.NewPageAsync();
        admin.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await SignInAsync(admin, "/admin.html");
        await admin.GetByRole(AriaRole.Button, new() { Name = "停用 zhou" }).ClickAsync();

        await Assertions.Expect(admin.GetByRole(AriaRole.Cell, new() { Name = "已停用" })).ToBeVisibleAsync();
        Assert.True((await users.FindAsync("zhou"))!.Disabled);
        await agentPage.ReloadAsync();
        await Assertions.Expect(agentPage).ToHaveURLAsync(new Regex("/login\\.html"));
    }
}
