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

    public async Task InitializeAsync()
    {
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
