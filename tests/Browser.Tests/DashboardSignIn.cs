using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Playwright;

namespace ChatSupport.Browser.Tests;

/// <summary>
/// Dashboard users for page tests: written straight into the user store with a known password (the page under test is
/// not the sign-in page), then signed in through the real login API in a fresh browser context, so each user has a
/// cookie jar of their own.
/// </summary>
internal static class DashboardSignIn
{
    public static string PasswordOf(string userName) => "pass-" + userName;

    public static async Task CreateUserAsync(RunningApp dashboard, string userName, string displayName, string[] roles, string[] skills)
    {
        var user = new DashboardUser(RedisUserStore.IdFor(userName), userName, displayName, "", roles, skills, 5);
        user = user with { PasswordHash = dashboard.Service<IPasswordHasher<DashboardUser>>().HashPassword(user, PasswordOf(userName)) };
        Assert.True(await dashboard.Service<RedisUserStore>().TryCreateAsync(user));
    }

    public static async Task<IPage> SignedInPageAsync(this HeadlessChromium chromium, RunningApp dashboard, string userName, TimeSpan timeout)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = dashboard.BaseAddress.ToString(), Locale = "zh-CN" });
        var login = await context.APIRequest.PostAsync("api/auth/login", new APIRequestContextOptions
        {
            DataObject = new { userName, password = PasswordOf(userName) },
        });
        Assert.Equal(200, login.Status);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout((float)timeout.TotalMilliseconds);
        return page;
    }

    /// <summary>
    /// Collects what a page test must fail on: script errors and CSP refusals (the pages run as modules without inline
    /// script or style), and, with <paramref name="httpErrors"/>, every response of 400 or more with its address.
    /// Chromium's own favicon request answers 404 without a page response event, so its console line is left out.
    /// </summary>
    public static IPage RecordProblems(this IPage page, List<string> problems, bool httpErrors = false)
    {
        page.Console += (_, m) => { if (m.Type == "error" && !m.Text.Contains("status of 404")) lock (problems) problems.Add(m.Text); };
        page.PageError += (_, e) => { lock (problems) problems.Add(e); };
        if (httpErrors) page.Response += (_, r) => { if (r.Status >= 400) lock (problems) problems.Add($"HTTP {r.Status} {r.Url}"); };
        return page;
    }

    /// <summary>Answers confirm() and alert() with OK, as an agent who means what they clicked (Playwright dismisses them).</summary>
    public static IPage AcceptingDialogs(this IPage page)
    {
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        return page;
    }
}
