using Microsoft.Playwright;

namespace ChatSupport.Browser.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright, headless, with the flags that keep it quiet on a
/// closed network. One browser per test class (xUnit class fixture); each test opens its own context.
/// </summary>
public sealed class HeadlessChromium : IAsyncLifetime
{
    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;

    // Playwright's 5 s default for expectations failed on a CI machine whose two cores were busy with other test
    // projects (the queue had not been drawn yet). A wrong page still fails, only later.
    private const float ExpectTimeoutMs = 20_000;

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(ExpectTimeoutMs);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
