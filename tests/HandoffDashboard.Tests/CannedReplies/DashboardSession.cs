using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSupport.HandoffDashboard.Tests.CannedReplies;

/// <summary>A signed-in HttpClient on a running dashboard that sends the antiforgery header on every call.</summary>
public sealed class DashboardSession : IDisposable
{
    public HttpClient Http { get; }
    public string UserId { get; }

    private DashboardSession(HttpClient http, string userId)
    {
        Http = http;
        UserId = userId;
    }

    /// <summary>Creates the user (if missing) with the given roles, signs in and fetches the antiforgery token.</summary>
    public static async Task<DashboardSession> SignInAsync(RunningApp app, string userName, params string[] roles)
    {
        var users = app.Service<RedisUserStore>();
        var hasher = app.Service<IPasswordHasher<DashboardUser>>();
        var user = new DashboardUser(RedisUserStore.IdFor(userName), userName, userName, "", roles, ["general"], 5, "GH-" + userName);
        await users.TryCreateAsync(user with { PasswordHash = hasher.HashPassword(user, "pass-" + userName) });

        var http = app.CreateClient(new HttpClientHandler { CookieContainer = new CookieContainer() });
        var login = await http.PostAsJsonAsync("api/auth/login", new { userName, password = "pass-" + userName });
        login.EnsureSuccessStatusCode();
        var antiforgery = await http.GetFromJsonAsync<JsonElement>("api/auth/antiforgery");
        http.DefaultRequestHeaders.Add("X-CSRF-TOKEN", antiforgery.GetProperty("token").GetString());
        return new DashboardSession(http, user.Id);
    }

    public void Dispose() => Http.Dispose();
}

/// <summary>Starts a dashboard on the given Redis with canned-reply settings suited to tests.</summary>
public static class CannedReplyHost
{
    public static Task<RunningApp> StartAsync(RedisServer redis, params string[] extra) =>
        RunningApp.StartAsync(args => DashboardApplication.Build(args),
            new[] { $"--ConnectionStrings:Redis={redis.ConnectionString}", "--Logging:LogLevel:Default=Warning" }.Concat(extra).ToArray());

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
