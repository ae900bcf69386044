using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using ChatSupport.HandoffDashboard.Tests.Support;

namespace ChatSupport.HandoffDashboard.Tests.Auth;

/// <summary>Password guessing: throttled per user name and per address, and unknown names answer as slowly as known ones.</summary>
public sealed class SignInThrottleTests
{
    private static Task<HttpResponseMessage> TryAsync(HttpClient http, string userName, string password) =>
        http.PostAsJsonAsync("api/auth/login", new { userName, password });

    [Fact]
    public async Task WrongPasswordsForOneUserAnswer429WithRetryAfterEvenForTheRightPasswordThen()
    {
        await using var host = await DashboardHost.StartAsync(1, false,
            "--Dashboard:SignIn:MaxFailuresPerUser=3", "--Dashboard:SignIn:MaxFailuresPerAddress=100", "--Dashboard:SignIn:FailureWindowSeconds=600");
        await host.AgentAsync("xiaoli", online: false);
        await host.AgentAsync("xiaowang", online: false);
        using var http = new HttpClient { BaseAddress = host.Dashboard.BaseAddress };

        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await TryAsync(http, "xiaoli", "guess-" + i)).StatusCode);
        var throttled = await TryAsync(http, "XiaoLi", DashboardHost.AgentPassword);

        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        var retryAfter = throttled.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter!.Value.TotalSeconds, 1, 600);
        Assert.Contains("登录失败次数过多", await throttled.Content.ReadAsStringAsync());
        // Other users are not locked out by someone guessing one name.
        Assert.Equal(HttpStatusCode.OK, (await TryAsync(http, "xiaowang", DashboardHost.AgentPassword)).StatusCode);
    }

    [Fact]
    public async Task ManyNamesTriedFromOneAddressAnswer429()
    {
        await using var host = await DashboardHost.StartAsync(1, false,
            "--Dashboard:SignIn:MaxFailuresPerUser=100", "--Dashboard:SignIn:MaxFailuresPerAddress=4");
        using var http = new HttpClient { BaseAddress = host.Dashboard.BaseAddress };

        for (var i = 0; i < 4; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await TryAsync(http, "user" + i, "x")).StatusCode);

        var throttled = await TryAsync(http, DashboardHost.AdminName, DashboardHost.AdminPassword);
        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        Assert.NotNull(throttled.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task XForwardedForCountsOnlyFromAConfiguredProxy()
    {
        static async Task<HttpStatusCode> FromAsync(HttpClient http, string client, string userName)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/auth/login") { Content = JsonContent.Create(new { userName, password = "x" }) };
            request.Headers.Add("X-Forwarded-For", client);
            return (await http.SendAsync(request)).StatusCode;
        }

        // Without a configured proxy the header is ignored: naming a new address for each guess does not escape the limit.
        await using (var direct = await DashboardHost.StartAsync(1, false,
            "--Dashboard:SignIn:MaxFailuresPerUser=100", "--Dashboard:SignIn:MaxFailuresPerAddress=2"))
        {
            using var http = new HttpClient { BaseAddress = direct.Dashboard.BaseAddress };
            Assert.Equal(HttpStatusCode.Unauthorized, await FromAsync(http, "10.0.0.1", "a"));
            Assert.Equal(HttpStatusCode.Unauthorized, await FromAsync(http, "10.0.0.2", "b"));
            Assert.Equal((HttpStatusCode)429, await FromAsync(http, "10.0.0.3", "c"));
        }

        // Behind a configured proxy (here: this machine) each client address has its own count.
        await using var proxied = await DashboardHost.StartAsync(1, false,
            "--Dashboard:SignIn:MaxFailuresPerUser=100", "--Dashboard:SignIn:MaxFailuresPerAddress=2", "--Dashboard:Proxy:KnownProxies:0=127.0.0.1");
        using var viaProxy = new HttpClient { BaseAddress = proxied.Dashboard.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, await FromAsync(viaProxy, "10.0.0.1", "a"));
        Assert.Equal(HttpStatusCode.Unauthorized, await FromAsync(viaProxy, "10.0.0.1", "b"));
        Assert.Equal((HttpStatusCode)429, await FromAsync(viaProxy, "10.0.0.1", "c"));
        Assert.Equal(HttpStatusCode.Unauthorized, await FromAsync(viaProxy, "10.0.0.2", "d"));
    }

    [Fact]
    public async Task ASuccessfulSignInClearsTheUserNamesCount()
    {
        await using var host = await DashboardHost.StartAsync(1, false, "--Dashboard:SignIn:MaxFailuresPerUser=3");
        await host.AgentAsync("xiaoli", online: false);
        using var http = new HttpClient { BaseAddress = host.Dashboard.BaseAddress };
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await TryAsync(http, "xiaoli", "nope")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await TryAsync(http, "xiaoli", DashboardHost.AgentPassword)).StatusCode);
        }
    }

    [Fact]
    public async Task UnknownAndKnownUserNamesTakeAsLongToRefuse()
    {
        await using var host = await DashboardHost.StartAsync(1, false,
            "--Dashboard:SignIn:MaxFailuresPerUser=1000", "--Dashboard:SignIn:MaxFailuresPerAddress=1000");
        await host.AgentAsync("xiaoli", online: false);
        using var http = new HttpClient { BaseAddress = host.Dashboard.BaseAddress };
        await TryAsync(http, "warm-up", "x");

        // Known and unknown names alternate, so both medians are taken under the same load (measured one after the
        // other, a busy CI machine slowed one half and not the other).
        var knownTimes = new List<double>();
        var unknownTimes = new List<double>();
        for (var i = 0; i < 15; i++)
        {
            foreach (var (name, times) in new[] { ("xiaoli", knownTimes), ("nobody" + i, unknownTimes) })
            {
                var watch = Stopwatch.StartNew();
                Assert.Equal(HttpStatusCode.Unauthorized, (await TryAsync(http, name, "wrong-password")).StatusCode);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }
        static double Median(List<double> times) { times.Sort(); return times[times.Count / 2]; }
        var known = Median(knownTimes);
        var unknown = Median(unknownTimes);

        // Before: known ~39 ms, unknown ~0.7 ms. The password hash dominates both now.
        Assert.True(unknown > known * 0.5 && unknown < known * 2, $"known {known:F1} ms, unknown {unknown:F1} ms");
    }
}
