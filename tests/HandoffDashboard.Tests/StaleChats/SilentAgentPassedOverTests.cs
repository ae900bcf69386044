using ChatSupport.HandoffContract;
using ChatSupport.HandoffContract.Keys;
using ChatSupport.HandoffDashboard.Agents;
using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.HandoffDashboard.Conversations;
using ChatSupport.HandoffDashboard.StaleChats;
using ChatSupport.HandoffDashboard.Tests.Support;
using ChatSupport.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.Tests.StaleChats;

/// <summary>
/// A silent agent's chat never goes back to that agent: it waits in the queue for someone else (Requeue), or goes to
/// the next agent who has not been silent on it (NextAgent). The sweep runs on a controllable clock (the service's
/// own timer is off); auto-assignment is the real one of the running dashboard.
/// </summary>
public sealed class SilentAgentPassedOverTests
{
    private static Task<DashboardHost> StartAsync() => DashboardHost.StartAsync(1, false, "--StaleChats:Enabled=false");

    private static StaleChatSweeper SweeperAt(DashboardHost host, TimeProvider clock, AgentSilentAction action)
    {
        var app = host.Dashboard;
        var options = Options.Create(new StaleChatOptions { AgentSilentAfter = TimeSpan.FromMinutes(3), AgentSilentAction = action });
        return new StaleChatSweeper(app.Service<IConnectionMultiplexer>(), app.Service<ConversationStore>(),
            app.Service<ConversationAssignment>(), app.Service<RedisUserStore>(),
            app.Service<AgentPresence>(), app.Service<IPassedOverAgents>(), options, clock,
            NullLogger<StaleChatSweeper>.Instance);
    }

    [Fact]
    public async Task InRequeueModeTheChatWaitsForAnotherAgentNotTheSilentOneAndTheShopperAndSupervisorsAreTold()
    {
        await using var host = await StartAsync();
        var slow = await host.AgentAsync("slow", online: true);
        await host.Bot.EscalateAsync("c-1", HandoffReason.AfterSales);
        // The only online agent: auto-assignment gives the chat to them.
        await Eventually.TrueAsync(async () => (await slow.MineAsync()).Any(m => m.ConversationId == "c-1"), TimeSpan.FromSeconds(10), "assigned to slow");
        await host.Bot.CustomerSaysAsync("c-1", "请问还在吗");
        await host.Bot.ConsumeAsync();

        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var sweeper = SweeperAt(host, clock, AgentSilentAction.Requeue);
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(0, await sweeper.SweepAsync(CancellationToken.None)); // not yet: 2 of 3 minutes
        clock.Advance(TimeSpan.FromMinutes(1.5));
        Assert.Equal(1, await sweeper.SweepAsync(CancellationToken.None));

        // The shopper is told (the bot relays the requeue with their place), supervisors get the reason.
        var requeued = Assert.Single(await host.Bot.ConsumeAsync(), e => e.Kind == HandoffEventKinds.ConversationRequeued);
        Assert.Equal(("slow", StaleChatSweeper.AgentSilentReason), (requeued.AgentId, requeued.Note));
        Assert.Contains("slow", await host.Connection.GetDatabase().SetMembersAsync(StaleChatKeys.PassedOverAgents("c-1")).ContinueWith(t => t.Result.Select(v => (string)v!)));

        // slow is still online with room, and auto-assignment keeps running: the chat stays in the queue for someone else.
        await Task.Delay(1500);
        Assert.Empty(await slow.MineAsync());
        Assert.Contains(await slow.QueueAsync(), q => q.ConversationId == "c-1");

        // The next agent to come online gets it.
        var next = await host.AgentAsync("next", online: true);
        await Eventually.TrueAsync(async () => (await next.MineAsync()).Any(m => m.ConversationId == "c-1"), TimeSpan.FromSeconds(10), "assigned to next");
        Assert.Empty(await slow.MineAsync());
    }

    [Fact]
    public async Task InNextAgentModeTheChatMovesOnAndNeverBackToAnAgentWhoWasSilentOnIt()
    {
        await using var host = await StartAsync();
        var first = await host.AgentAsync("first", online: true);
        await host.Bot.EscalateAsync("c-1", HandoffReason.AfterSales);
        await Eventually.TrueAsync(async () => (await first.MineAsync()).Any(m => m.ConversationId == "c-1"), TimeSpan.FromSeconds(10), "assigned to first");
        var second = await host.AgentAsync("second", online: true);
        await host.Bot.CustomerSaysAsync("c-1", "请问还在吗");
        await host.Bot.ConsumeAsync();

        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var sweeper = SweeperAt(host, clock, AgentSilentAction.NextAgent);
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(1, await sweeper.SweepAsync(CancellationToken.None));
        Assert.Contains(await second.MineAsync(), m => m.ConversationId == "c-1");
        var transferred = Assert.Single(await host.Bot.ConsumeAsync(), e => e.Kind == HandoffEventKinds.ConversationTransferred);
        Assert.Equal("second", transferred.ToAgentId); // the bot tells the shopper who took over

        // second is silent too (counted from their accept): the chat goes to the queue, not back to first, who is the
        // least loaded online agent now.
        clock.Advance(TimeSpan.FromMinutes(4));
        // The one-instance claim on the chat lives 30 s of Redis's own time; on the fake clock four minutes passed.
        await host.Connection.GetDatabase().KeyDeleteAsync(StaleChatKeys.ActionClaim("c-1"));
        Assert.Equal(1, await sweeper.SweepAsync(CancellationToken.None));
        Assert.Contains(await host.Bot.ConsumeAsync(), e => e.Kind == HandoffEventKinds.ConversationRequeued && e.AgentId == "second");
        await Task.Delay(1500);
        Assert.Empty(await first.MineAsync());
        Assert.Empty(await second.MineAsync());
        Assert.Contains(await first.QueueAsync(), q => q.ConversationId == "c-1");
    }
}
