using ChatSupport.Browser.Tests;
using System.Diagnostics;
using ChatSupport.Bot;
using ChatSupport.TestSupport;
using Microsoft.Playwright;

namespace ChatSupport.Browser.Tests.StorePage;

/// <summary>The demo store page with the official Web Chat bundle against the embedded Direct Line, in headless Chromium.</summary>
public sealed class StoreChatTests(HeadlessChromium chromium) : IClassFixture<HeadlessChromium>, IAsyncLifetime
{
    private RedisServer _redis = null!;
    private RunningApp _bot = null!;

    public async Task InitializeAsync()
    {
        _redis = RedisServer.Start();
        _bot = await RunningApp.StartAsync(args => BotApplication.Build(args, SourceWebRoot.Bot),
            $"--ConnectionStrings:Redis={_redis.ConnectionString}",
            "--DirectLine:Secret=browser-test-secret-0123456789",
            $"--Knowledge:Path={RepositoryPaths.Knowledge}",
            "--Logging:LogLevel:Default=Warning");
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        _redis.Dispose();
    }

    [Fact]
    public async Task AShopperAsksHowManyDaysDeliveryTakesAndGetsTheStoresAnswer()
    {
        await using var context = await chromium.Browser.NewContextAsync(new() { Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") consoleErrors.Add(message.Text); };
        var failedRequests = new List<string>();
        page.Response += (_, response) => { if (response.Status >= 400) failedRequests.Add($"{response.Status} {response.Url}"); };

        var opened = Stopwatch.StartNew();
        await page.GotoAsync(_bot.BaseAddress.ToString());
        var greeting = page.Locator(".webchat__bubble:not(.webchat__bubble--from-user)").Filter(new() { HasText = "欢迎" });
        await greeting.First.WaitForAsync(new() { Timeout = 15000 });
        var greetedAfter = opened.ElapsedMilliseconds;
        await Assertions.Expect(page.Locator(".webchat__suggested-actions__button").First).ToBeVisibleAsync();

        var input = page.GetByPlaceholder("键入消息");
        await input.FillAsync("几天能到");
        await input.PressAsync("Enter");

        // The answer comes from knowledge/shipping/delivery-time.md.
        var answer = page.Locator(".webchat__bubble:not(.webchat__bubble--from-user)").Filter(new() { HasText = "江浙沪" });
        await answer.First.WaitForAsync(new() { Timeout = 15000 });
        await Assertions.Expect(page.GetByText("发送失败")).ToHaveCountAsync(0);
        Assert.Empty(failedRequests);
        Assert.Empty(consoleErrors);
        Console.WriteLine($"greeting visible {greetedAfter} ms after navigation");

        // A reload within the session resumes the same conversation: the earlier answer is still there.
        await page.ReloadAsync();
        await answer.First.WaitForAsync(new() { Timeout = 15000 });
    }

    [Fact]
    public async Task TextTypedByTheShopperIsShownAsTextNotHtml()
    {
        await using var context = await chromium.Browser.NewContextAsync(new() { Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        var dialogs = 0;
        page.Dialog += async (_, dialog) => { dialogs++; await dialog.DismissAsync(); };
        await page.GotoAsync(_bot.BaseAddress.ToString());
        var input = page.GetByPlaceholder("键入消息");
        await input.WaitForAsync(new() { Timeout = 15000 });
        await input.FillAsync("<img src=x onerror=alert(1)><b>粗体</b>");
        await input.PressAsync("Enter");

        await page.Locator(".webchat__bubble--from-user").Filter(new() { HasText = "<b>粗体</b>" }).First.WaitForAsync(new() { Timeout = 15000 });
        Assert.Equal(0, await page.Locator(".webchat__bubble--from-user img[src=x]").CountAsync());
        Assert.Equal(0, dialogs);
    }
    [Fact]
    public async Task AShopperPicksADemoIdentityAsksWhereTheirParcelIsAndSeesItsStatus()
    {
        await using var context = await chromium.Browser.NewContextAsync(new() { Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        var failedRequests = new List<string>();
        page.Response += (_, response) => { if (response.Status >= 400) failedRequests.Add($"{response.Status} {response.Url}"); };
        await page.GotoAsync(_bot.BaseAddress.ToString());
        var bot = page.Locator(".webchat__bubble:not(.webchat__bubble--from-user)");
        await bot.Filter(new() { HasText = "欢迎" }).First.WaitForAsync(new() { Timeout = 15000 });

        // Picking a demo shopper starts a new conversation as them (the page reloads).
        await page.RunAndWaitForReloadAsync(() => page.SelectOptionAsync("#demo-shopper", "demo-lilei"), TimeSpan.FromSeconds(15));
        await bot.Filter(new() { HasText = "欢迎" }).First.WaitForAsync(new() { Timeout = 15000 });
        Assert.Equal("demo-lilei", await page.InputValueAsync("#demo-shopper"));
        var input = page.GetByPlaceholder("键入消息");
        await input.FillAsync("我的快递到哪了");
        await input.PressAsync("Enter");

        var answer = bot.Filter(new() { HasText = "SF1400123456789" });
        await answer.First.WaitForAsync(new() { Timeout = 15000 });
        var text = await answer.First.InnerTextAsync();
        Assert.Contains("顺丰速运", text);
        Assert.Contains("北京朝阳区营业点", text);
        Assert.Empty(failedRequests);
    }
}
