using System.Net;
using System.Net.Http.Json;
using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.Tests.Complaints;

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;
    public override DateTimeOffset GetUtcNow() => Now;
    public void Advance(TimeSpan by) => Now += by;
}

/// <summary>
/// A real dashboard on 127.0.0.1 over its own real redis-server, with a hand-moved clock and helpers to
/// create users and sign them in. Used by the after-sales tests (complaints, follow-ups, handovers, reports, knowledge).
/// </summary>
public sealed class AfterSalesDashboard : IAsyncDisposable
{
    public RedisServer Redis { get; }
    public RunningApp App { get; }
    public ManualClock Clock { get; }
    public ConnectionMultiplexer Connection { get; }
    public IDatabase Db => Connection.GetDatabase();

    private AfterSalesDashboard(RedisServer redis, RunningApp app, ManualClock clock, ConnectionMultiplexer connection)
    {
        Redis = redis;
        App = app;
        Clock = clock;
        Connection = connection;
    }

    public static async Task<AfterSalesDashboard> StartAsync(DateTimeOffset? now = null, params string[] extraArgs)
    {
        var redis = RedisServer.Start();
        var clock = new ManualClock(now ?? new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        var app = await RunningApp.StartAsync(
            args => DashboardApplication.Build(args, b => b.Services.AddSingleton<TimeProvider>(clock)),
            [$"--ConnectionStrings:Redis={redis.ConnectionString}", "--Reports:PollInterval=00:00:00.200", .. extraArgs]);
        return new AfterSalesDashboard(redis, app, clock, redis.Connect());
    }

    /// <summary>Creates the user (if new) and returns a client signed in as them, cookies kept.</summary>
    public async Task<HttpClient> SignInAsync(string userName, string displayName, params string[] roles)
    {
        var users = App.Service<RedisUserStore>();
        var hasher = App.Service<IPasswordHasher<DashboardUser>>();
        var user = new DashboardUser(RedisUserStore.IdFor(userName), userName, displayName, "", roles, ["general"], 5);
        await users.TryCreateAsync(user with { PasswordHash = hasher.HashPassword(user, "pass-" + userName) });
        var http = App.CreateClient(new HttpClientHandler { CookieContainer = new CookieContainer() });
        var login = await http.PostAsJsonAsync("api/auth/login", new { userName, password = "pass-" + userName });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        await UseAntiforgeryTokenAsync(http);
        return http;
    }

    /// <summary>State-changing API calls carry X-CSRF-TOKEN, as the pages send it.</summary>
    private static async Task UseAntiforgeryTokenAsync(HttpClient http)
    {
        var antiforgery = await http.GetFromJsonAsync<System.Text.Json.JsonElement>("api/auth/antiforgery");
        http.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        http.DefaultRequestHeaders.Add("X-CSRF-TOKEN", antiforgery.GetProperty("token").GetString());
    }

    /// <summary>
    /// Signs the client in again. The auth cookie's lifetime runs on the same hand-moved clock, so after
    /// jumping days ahead a session has expired, as it would in real life.
    /// </summary>
    public static async Task SignInAgainAsync(HttpClient http, string userName)
    {
        var login = await http.PostAsJsonAsync("api/auth/login", new { userName, password = "pass-" + userName });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        await UseAntiforgeryTokenAsync(http);
    }

    public Task<HttpClient> AgentAsync(string name = "xiaoli") => SignInAsync(name, "客服" + name, DashboardRoles.Agent);

    public Task<HttpClient> SupervisorAsync(string name = "zhuguan") => SignInAsync(name, "主管" + name, DashboardRoles.Supervisor);

    public Task<HttpClient> AdminAsync(string name = "guanli") => SignInAsync(name, "管理员" + name, DashboardRoles.Admin, DashboardRoles.Supervisor);

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        Connection.Dispose();
        Redis.Dispose();
    }
}
