using System.Net.Http.Json;
using ChatSupport.TestSupport;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.Tests.Support;

/// <summary>
/// A real redis-server plus one or more real dashboard instances (Kestrel on 127.0.0.1, port 0) sharing it,
/// a bootstrap admin, and a <see cref="BotPlayer"/> for the bot's side.
/// </summary>
public sealed class DashboardHost : IAsyncDisposable
{
    public const string AdminName = "admin";
    public const string AdminPassword = "admin-pass-123";
    public const string AgentPassword = "agent-pass-123";

    public RedisServer Redis { get; }
    public ConnectionMultiplexer Connection { get; }
    public BotPlayer Bot { get; }
    public List<RunningApp> Instances { get; } = [];
    private readonly string[] _extraArgs;
    private DashboardClient? _admin;

    private DashboardHost(RedisServer redis, string[] extraArgs)
    {
        Redis = redis;
        _extraArgs = extraArgs;
        Connection = redis.Connect();
        Bot = new BotPlayer(Connection);
    }

    public RunningApp Dashboard => Instances[0];

    public static async Task<DashboardHost> StartAsync(int instances = 1, bool appendOnly = false, params string[] extraArgs)
    {
        var host = new DashboardHost(RedisServer.Start(appendOnly), extraArgs);
        for (var i = 0; i < instances; i++) await host.StartInstanceAsync();
        return host;
    }

    public async Task<RunningApp> StartInstanceAsync()
    {
        var args = new[]
        {
            $"--ConnectionStrings:Redis={Redis.ConnectionString}",
            $"--Dashboard:BootstrapAdmin:UserName={AdminName}", $"--Dashboard:BootstrapAdmin:Password={AdminPassword}",
            "--Conversations:SweepIntervalMilliseconds=200", "--Logging:LogLevel:Default=Warning",
            // These tests count the events an accept writes; the canned-replies greeting has its own tests.
            "--CannedReplies:AcceptGreeting:Enabled=false",
        }.Concat(_extraArgs).ToArray();
        var app = await RunningApp.StartAsync(a => DashboardApplication.Build(a), args);
        Instances.Add(app);
        return app;
    }

    public async Task StopInstanceAsync(RunningApp app)
    {
        Instances.Remove(app);
        await app.DisposeAsync();
    }

    public async Task<DashboardClient> AdminAsync() =>
        _admin ??= await DashboardClient.SignInAsync(Dashboard.BaseAddress, AdminName, AdminPassword);

    /// <summary>Creates an agent through the admin API and signs them in (on instance <paramref name="instance"/>).</summary>
    public async Task<DashboardClient> AgentAsync(string userName, string[]? skills = null, int maxChats = 5, string[]? roles = null,
        bool online = true, int instance = 0)
    {
        var admin = await AdminAsync();
        var created = await admin.Http.PostAsJsonAsync("api/agents", new
        {
            userName, displayName = "客服" + userName, password = AgentPassword,
            roles = roles ?? ["agent"], skills = skills ?? ["general", "after-sales", "complaints"], maxConcurrentChats = maxChats,
        });
        if (!created.IsSuccessStatusCode) throw new InvalidOperationException($"creating {userName}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        var agent = await DashboardClient.SignInAsync(Instances[instance].BaseAddress, userName, AgentPassword);
        if (online) await agent.SetStatusAsync("online");
        return agent;
    }

    public async ValueTask DisposeAsync()
    {
        _admin?.Dispose();
        foreach (var app in Instances.ToList()) await app.DisposeAsync();
        Connection.Dispose();
        Redis.Dispose();
    }
}
