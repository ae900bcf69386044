using ChatSupport.Browser.Tests;
using System.Text.Json;
using ChatSupport.HandoffDashboard;
using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.HandoffDashboard.PhraseCheck;
using ChatSupport.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Playwright;
using Xunit.Abstractions;
using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.Browser.Tests.CannedReplies;

/// <summary>
/// The composer module (js/canned-replies.js) on the composer sandbox page, in headless Chromium, against a
/// real dashboard on Kestrel and a real redis-server with the default phrases seeded.
/// </summary>
public sealed class ComposerCannedReplyTests(HeadlessChromium chromium, ITestOutputHelper output)
    : IClassFixture<HeadlessChromium>, IAsyncLifetime
{
    private RedisServer _redis = null!;
    private RunningApp _app = null!;
    private IBrowserContext _context = null!;

    public async Task InitializeAsync()
    {
        _redis = RedisServer.Start();
        _app = await RunningApp.StartAsync(args => DashboardApplication.Build(args, SourceWebRoot.Dashboard),
            $"--ConnectionStrings:Redis={_redis.ConnectionString}", "--Logging:LogLevel:Default=Warning");
        var users = _app.Service<RedisUserStore>();
        var hasher = _app.Service<IPasswordHasher<DashboardUser>>();
        var agent = new DashboardUser("xiaomei", "xiaomei", "小美", "", [DashboardRoles.Agent], ["general"], 5, "GH-007");
        await users.TryCreateAsync(agent with { PasswordHash = hasher.HashPassword(agent, "pass-xiaomei") });

        _context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.BaseAddress.ToString(), Locale = "zh-CN" });
        var login = await _context.APIRequest.PostAsync("api/auth/login", new APIRequestContextOptions { DataObject = new { userName = "xiaomei", password = "pass-xiaomei" } });
        Assert.True(login.Ok, $"sign-in failed: {login.Status}");
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _app.DisposeAsync();
        _redis.Dispose();
    }

    private async Task<IPage> OpenSandboxAsync()
    {
        var page = await _context.NewPageAsync();
        await page.GotoAsync("composer-sandbox.html?customer=王女士&order=DD20260101001&agent=GH-007&shop=小雅家居旗舰店");
        // The side panel lists the seeded phrases once the module has loaded them.
        await Assertions.Expect(page.Locator("#phrase-panel .canned-panel-item", new() { HasText = "退款流程" })).ToBeAttachedAsync();
        return page;
    }

    [Fact]
    public async Task SlashTkPicksTheRefundReplyFillsTheVariablesAndSendsIt()
    {
        var page = await OpenSandboxAsync();
        var composer = page.GetByLabel("回复内容（输入 / 选择快捷回复）");
        await composer.FocusAsync();

        await page.Keyboard.TypeAsync("/t");
        await Assertions.Expect(page.Locator("#canned-reply-popup")).ToHaveAttributeAsync("data-query", "t");
        await page.Keyboard.TypeAsync("k");
        await Assertions.Expect(page.Locator("#canned-reply-popup")).ToHaveAttributeAsync("data-query", "tk");
        var latency = double.Parse(await page.Locator("#canned-reply-popup").GetAttributeAsync("data-latency-ms") ?? "NaN", System.Globalization.CultureInfo.InvariantCulture);
        output.WriteLine($"composer list update after the keystroke 'k': {latency:F1} ms");
        Assert.InRange(latency, 0, 2000);

        var first = page.GetByRole(AriaRole.Option).First;
        await Assertions.Expect(first).ToContainTextAsync("退款流程");
        await Screenshot.SaveAsync(page, "composer-slash-list");
        await Assertions.Expect(first).ToHaveAttributeAsync("aria-selected", "true");
        await page.Keyboard.PressAsync("Enter");

        var draft = await composer.InputValueAsync();
        Assert.StartsWith("王女士，退款流程是这样的：在订单DD20260101001页面点击", draft);
        Assert.DoesNotContain("{", draft);
        await Assertions.Expect(page.Locator("#canned-reply-popup")).ToBeHiddenAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "发送" }).ClickAsync();
        await Assertions.Expect(page.Locator("#messages li").Last).ToHaveTextAsync(draft);
        await Assertions.Expect(composer).ToHaveValueAsync("");
    }

    [Fact]
    public async Task ArrowKeysChooseAnotherReplyInTheList()
    {
        var page = await OpenSandboxAsync();
        await page.Locator("#composer-input").FocusAsync();
        await page.Keyboard.TypeAsync("/h");
        await Assertions.Expect(page.Locator("#canned-reply-popup")).ToHaveAttributeAsync("data-query", "h");
        var second = page.GetByRole(AriaRole.Option).Nth(1);
        var secondTitle = await second.Locator(".canned-option-title").TextContentAsync();

        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(second).ToHaveAttributeAsync("aria-selected", "true");
        await page.Keyboard.PressAsync("Enter");

        var draft = await page.Locator("#composer-input").InputValueAsync();
        Assert.False(string.IsNullOrEmpty(draft));
        Assert.DoesNotContain("/h", draft);
        output.WriteLine($"inserted '{secondTitle}': {draft}");
    }

    [Fact]
    public async Task ADraftWithBuZhiDaoShowsTheWarningAndAPoliteAlternative()
    {
        var page = await OpenSandboxAsync();
        await page.Locator("#composer-input").FillAsync("这个问题我不知道，你问别人吧");

        var warning = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "不宜对顾客说" });
        await Assertions.Expect(warning).ToBeVisibleAsync();
        await Assertions.Expect(warning).ToContainTextAsync("“不知道”");
        await Assertions.Expect(warning.GetByRole(AriaRole.Button, new() { Name = "换成这句" })).ToBeVisibleAsync();
        await Screenshot.SaveAsync(page, "composer-warning");

        // Send warns first (does not block): the draft is not sent on the first click...
        var send = page.GetByRole(AriaRole.Button, new() { Name = "发送" });
        await send.ClickAsync();
        await Assertions.Expect(page.Locator("#send-status")).ToContainTextAsync("再次点击");
        await Assertions.Expect(page.Locator("#messages li")).ToHaveCountAsync(0);
        // ...and the warned send is counted for supervisors.
        using var redis = _redis.Connect();
        var key = StatsKeys.PhraseWarnings(DateOnly.FromDateTime(DateTime.UtcNow));
        await Eventually.TrueAsync(async () => (long)await redis.GetDatabase().HashGetAsync(key, "xiaomei") >= 1, TimeSpan.FromSeconds(5));

        // Taking the suggestion replaces the draft with a polite reply that is clean.
        await warning.GetByRole(AriaRole.Button, new() { Name = "换成这句" }).ClickAsync();
        var draft = await page.Locator("#composer-input").InputValueAsync();
        Assert.DoesNotContain("不知道", draft);
        await Assertions.Expect(page.Locator("#phrase-warning")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task AnUnfilledVariableIsShownAndNeverSent()
    {
        var token = JsonDocument.Parse(await (await _context.APIRequest.GetAsync("api/auth/antiforgery")).TextAsync()).RootElement.GetProperty("token").GetString()!;
        var created = await _context.APIRequest.PostAsync("api/canned-replies", new APIRequestContextOptions
        {
            Headers = new Dictionary<string, string> { ["X-CSRF-TOKEN"] = token },
            DataObject = new { title = "<img src=x onerror=alert(1)>优惠券", text = "{客户称呼}，送您{优惠券}一张", category = "安抚", shortcut = "/yhq", scope = "Personal" },
        });
        Assert.True(created.Ok, $"create failed: {created.Status} {await created.TextAsync()}");

        var page = await OpenSandboxAsync();
        // The change arrives over SSE; the title is shown as text, not as an element.
        var item = page.Locator("#phrase-panel .canned-panel-item", new() { HasText = "<img src=x onerror=alert(1)>优惠券" });
        await page.Locator("#phrase-panel details[data-category='安抚'] > summary").ClickAsync();
        await Assertions.Expect(item).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("#phrase-panel img").CountAsync());

        await item.ClickAsync();
        await Assertions.Expect(page.Locator("#composer-input")).ToHaveValueAsync("王女士，送您{优惠券}一张");
        await Assertions.Expect(page.Locator("#canned-unfilled")).ToContainTextAsync("{优惠券}");

        await page.GetByRole(AriaRole.Button, new() { Name = "发送" }).ClickAsync();
        await Assertions.Expect(page.Locator("#send-status")).ToContainTextAsync("未发送");
        await Assertions.Expect(page.Locator("#messages li")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task APhraseAddedElsewhereAppearsInTheOpenPanelWithinASecond()
    {
        var page = await OpenSandboxAsync();
        var token = JsonDocument.Parse(await (await _context.APIRequest.GetAsync("api/auth/antiforgery")).TextAsync()).RootElement.GetProperty("token").GetString()!;

        var started = DateTime.UtcNow;
        var created = await _context.APIRequest.PostAsync("api/canned-replies", new APIRequestContextOptions
        {
            Headers = new Dictionary<string, string> { ["X-CSRF-TOKEN"] = token },
            DataObject = new { title = "新加的安抚话术", text = "请您放心", category = "安抚", scope = "Personal" },
        });
        Assert.True(created.Ok);
        await Assertions.Expect(page.Locator("#phrase-panel .canned-panel-item", new() { HasText = "新加的安抚话术" }))
            .ToBeAttachedAsync(new() { Timeout = 1000 });
        output.WriteLine($"panel updated {(DateTime.UtcNow - started).TotalMilliseconds:F0} ms after the change");
    }
}
