using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.HandoffDashboard.Tests.Support;

namespace ChatSupport.HandoffDashboard.Tests.Auth;

public sealed class ReturnUrlAndCookieTests
{
    [Theory]
    [InlineData("/reports.html?from=2026-11-01", true)]
    [InlineData("/index.html", true)]
    [InlineData("/\\evil.example", false)]
    [InlineData("//evil.example", false)]
    [InlineData("/\t/evil.example", false)]
    [InlineData("/\n/evil.example", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("evil.example", false)]
    [InlineData("/a\\b", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void OnlyLocalPathsAreReturnUrls(string? url, bool local) => Assert.Equal(local, LocalReturnUrl.IsLocal(url));

    [Fact]
    public async Task SignInAnswersWhereToGoNextAndNeverAnotherSite()
    {
        await using var host = await DashboardHost.StartAsync();
        async Task<string> RedirectAfterSignInAsync(string? returnUrl)
        {
            using var http = new HttpClient { BaseAddress = host.Dashboard.BaseAddress };
            var login = await http.PostAsJsonAsync("api/auth/login",
                new { userName = DashboardHost.AdminName, password = DashboardHost.AdminPassword, returnUrl });
            login.EnsureSuccessStatusCode();
            return (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("redirectTo").GetString()!;
        }

        Assert.Equal("/index.html", await RedirectAfterSignInAsync("/\\evil.example"));
        Assert.Equal("/index.html", await RedirectAfterSignInAsync("//evil.example"));
        Assert.Equal("/index.html", await RedirectAfterSignInAsync("https://evil.example"));
        Assert.Equal("/index.html", await RedirectAfterSignInAsync(null));
        Assert.Equal("/reports.html?from=2026-11-01", await RedirectAfterSignInAsync("/reports.html?from=2026-11-01"));
    }

    [Fact]
    public async Task TheSessionCookieIsHttpOnlyAndStrictAndSecureWhenConfigured()
    {
        await using (var plain = await DashboardHost.StartAsync())
        {
            var cookie = await SessionCookieAsync(plain);
            Assert.Contains("httponly", cookie);
            Assert.Contains("samesite=strict", cookie);
            // Plain HTTP with the default SameAsRequest: a Secure cookie would never come back.
            Assert.DoesNotContain("secure", cookie.Replace("samesite", ""));
        }
        await using var behindHttps = await DashboardHost.StartAsync(1, false, "--Dashboard:SignIn:CookieSecurePolicy=Always");
        var secure = await SessionCookieAsync(behindHttps);
        Assert.Contains("secure", secure.Replace("samesite", ""));
        Assert.Contains("httponly", secure);
    }

    private static async Task<string> SessionCookieAsync(DashboardHost host)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = host.Dashboard.BaseAddress };
        var login = await http.PostAsJsonAsync("api/auth/login", new { userName = DashboardHost.AdminName, password = DashboardHost.AdminPassword });
        login.EnsureSuccessStatusCode();
        return login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("chatsupport.dashboard=", StringComparison.Ordinal)).ToLowerInvariant();
    }
}
