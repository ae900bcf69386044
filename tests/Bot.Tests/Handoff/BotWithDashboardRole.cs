using ChatSupport.Bot.Tests.Support;
using ChatSupport.TestSupport;
using StackExchange.Redis;

namespace ChatSupport.Bot.Tests.Handoff;

/// <summary>
/// The set-up the handoff tests share: one real bot on its own redis-server, and the dashboard's side of the contract
/// played by the test (<see cref="DashboardRole"/>) on a connection of its own.
/// </summary>
public abstract class BotWithDashboardRole(string[] settings) : IAsyncLifetime
{
    protected RedisServer Redis { get; private set; } = null!;
    protected RunningApp BotApp { get; private set; } = null!;
    protected ConnectionMultiplexer Mux { get; private set; } = null!;
    protected DashboardRole Dashboard { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = RedisServer.Start();
        BotApp = await BotHost.StartAsync(Redis, settings: settings);
        Mux = Redis.Connect();
        Dashboard = new DashboardRole(Mux);
    }

    public async Task DisposeAsync()
    {
        await BotApp.DisposeAsync();
        Mux.Dispose();
        Redis.Dispose();
    }
}
