using System.Net;
using System.Net.Http.Json;
using ChatSupport.TestSupport;

namespace ChatSupport.HandoffDashboard.Tests.Auth;

public sealed class SignInTests
{
    [Fact]
    public async Task BootstrapAdminSignsInAndAnonymousCallsAreRefused()
    {
        using var redis = RedisServer.Start();
        await using var dashboard = await RunningApp.StartAsync(args => DashboardApplication.Build(args),
            $"--ConnectionStrings:Redis={redis.ConnectionString}",
            "--Dashboard:BootstrapAdmin:UserName=boss", "--Dashboard:BootstrapAdmin:Password=s3cret-pass");
        using var http = dashboard.CreateClient(new HttpClientHandler { CookieContainer = new CookieContainer() });

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await http.PostAsJsonAsync("api/auth/login", new { userName = "boss", password = "wrong" })).StatusCode);

        var login = await http.PostAsJsonAsync("api/auth/login", new { userName = "boss", password = "s3cret-pass" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var me = await http.GetStringAsync("api/auth/me");
        Assert.Contains("\"admin\"", me);
    }
}
