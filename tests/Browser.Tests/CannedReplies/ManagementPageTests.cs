using ChatSupport.Browser.Tests;
using System.Text;
using ChatSupport.HandoffDashboard;
using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Playwright;

namespace ChatSupport.Browser.Tests.CannedReplies;

/// <summary>canned-replies.html driven in headless Chromium by a supervisor, against real Kestrel + redis-server.</summary>
public sealed class ManagementPageTests(HeadlessChromium chromium) : IClassFixture<HeadlessChromium>, IAsyncLifetime
{
    private RedisServer _redis = null!;
    private RunningApp _app = null!;
    private IBrowserContext _context = null!;

    public async Task InitializeAsync()
    {
        _redis = RedisServer.Start();
        _app = await RunningApp.StartAsync(args => DashboardApplication.Build(args, SourceWebRoot.Dashboard),
            $"--ConnectionStrings:Redis={_redis.ConnectionString}", "--Logging:LogLevel:Default=Warning",
            "--CannedReplies:SeedDefaults=false");
        var users = _app.Service<RedisUserStore>();
        var hasher = _app.Service<IPasswordHasher<DashboardUser>>();
        var lead = new DashboardUser("lead", "lead", "组长", "", [DashboardRoles.Supervisor], ["general"], 5, "GH-001");
        await users.TryCreateAsync(lead with { PasswordHash = hasher.HashPassword(lead, "pass-lead") });
        _context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.BaseAddress.ToString(), Locale = "zh-CN" });
        var login = await _context.APIRequest.PostAsync("api/auth/login", new APIRequestContextOptions { DataObject = new { userName = "lead", password = "pass-lead" } });
        Assert.True(login.Ok);
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _app.DisposeAsync();
        _redis.Dispose();
    }

    [Fact]
    public async Task ASupervisorCreatesFixesErrorsEditsReordersAndDeletes()
    {
        var page = await _context.NewPageAsync();
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GotoAsync("canned-replies.html");

        // Empty title and a 3,000-character text: errors next to the fields, nothing saved.
        await page.GetByLabel("范围").SelectOptionAsync("Team");
        await page.GetByLabel("分类").FillAsync("退换货");
        await page.GetByLabel("内容").FillAsync(new string('长', 3000));
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#error-title")).ToContainTextAsync("请填写标题");
        await Assertions.Expect(page.Locator("#error-text")).ToContainTextAsync("最多 2000 个字");
        await Assertions.Expect(page.GetByLabel("标题")).ToHaveAttributeAsync("aria-invalid", "true");
        await Screenshot.SaveAsync(page, "manage-errors");

        await page.GetByLabel("标题").FillAsync("退款流程");
        await page.GetByLabel("快捷码").FillAsync("/tk");
        await page.GetByLabel("内容").FillAsync("{客户称呼}，<b>退款</b>请在订单页申请");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        var row = page.Locator(".reply-row", new() { HasText = "退款流程" });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(row.Locator(".reply-text")).ToHaveTextAsync("{客户称呼}，<b>退款</b>请在订单页申请");
        await Assertions.Expect(page.Locator("#error-text")).ToBeEmptyAsync();

        // The same shortcut again: the error sits next to the shortcut field.
        await page.GetByLabel("分类").FillAsync("退换货");
        await page.GetByLabel("标题").FillAsync("退货流程");
        await page.GetByLabel("快捷码").FillAsync("/tk");
        await page.GetByLabel("内容").FillAsync("退货请在订单页申请");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#error-shortcut")).ToContainTextAsync("/tk");
        await page.GetByLabel("快捷码").FillAsync("/th");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".reply-row")).ToHaveCountAsync(2);

        // Reorder: move 退货流程 up.
        await page.GetByRole(AriaRole.Button, new() { Name = "上移 退货流程" }).ClickAsync();
        await Assertions.Expect(page.Locator(".reply-row .reply-title").First).ToHaveTextAsync("退货流程");

        // Edit, then delete.
        await page.GetByRole(AriaRole.Button, new() { Name = "编辑 退款流程" }).ClickAsync();
        await page.GetByLabel("标题").FillAsync("退款流程（新）");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".reply-title", new() { HasText = "退款流程（新）" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "删除 退货流程" }).ClickAsync();
        await Assertions.Expect(page.Locator(".reply-row")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task ABadCsvImportShowsTheProblemAndImportsNothing()
    {
        var page = await _context.NewPageAsync();
        await page.GotoAsync("canned-replies.html");
        await Assertions.Expect(page.Locator("#manage")).ToBeVisibleAsync();

        await page.GetByLabel("导入文件").SetInputFilesAsync(new FilePayload
        {
            Name = "phrases.csv", MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("category,title,shortcut,text\r\n售后,好的,/ok,内容\r\n售后,,/bad,缺标题\r\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "导入", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#import-result")).ToContainTextAsync("没有导入任何条目");
        await Assertions.Expect(page.Locator("#import-errors")).ToContainTextAsync("第 2 条（title）");
        await Assertions.Expect(page.Locator(".reply-row")).ToHaveCountAsync(0);

        await page.GetByLabel("导入文件").SetInputFilesAsync(new FilePayload
        {
            Name = "phrases.csv", MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("category,title,shortcut,text\r\n售后,好的,/ok,内容\r\n售后,第二条,/two,=1+1\r\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "导入", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#import-result")).ToContainTextAsync("新增 2 条");
        await Assertions.Expect(page.Locator(".reply-row")).ToHaveCountAsync(2);
    }
}

/// <summary>Saves a full-page PNG when CHATSUPPORT_SCREENSHOTS names a folder (for a person to look at); otherwise nothing.</summary>
internal static class Screenshot
{
    public static async Task SaveAsync(IPage page, string name)
    {
        var dir = Environment.GetEnvironmentVariable("CHATSUPPORT_SCREENSHOTS");
        if (string.IsNullOrEmpty(dir)) return;
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }
}
