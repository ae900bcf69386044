using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Tests.Support;
using ChatSupport.TestSupport;
using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.HandoffDashboard.Tests.Agents;

public sealed class GracePeriodTests
{
    [Fact]
    public async Task ChatStaysWithTheAgentDuringTheGracePeriodThenReturnsToTheQueue()
    {
        await using var host = await DashboardHost.StartAsync(extraArgs: "--Agents:DisconnectGraceSeconds=3");
        var agent = await host.AgentAsync("wang", maxChats: 1, online: false);
        await host.Bot.EscalateAsync("c-early", HandoffReason.Human, escalatedAt: DateTimeOffset.UtcNow.AddMinutes(-10));
        await host.Bot.EscalateAsync("c-later", HandoffReason.Human);
        await agent.AcceptAsync("c-early");
        await agent.SetStatusAsync("online");
        var page = await agent.ConnectHubAsync();

        page.Abort(); // the browser tab closes without a goodbye
        var closedAt = DateTime.UtcNow;

        await Task.Delay(1500);
        Assert.Equal("c-early", Assert.Single(await agent.MineAsync()).ConversationId);
        await Eventually.TrueAsync(async () => (await agent.MineAsync()).Count == 0, TimeSpan.FromSeconds(10));
        Assert.True(DateTime.UtcNow - closedAt >= TimeSpan.FromSeconds(2.8), "not before the grace period ends");

        // Back at its original place (it waited longest), and the bot is told.
        Assert.Equal(["c-early", "c-later"], (await agent.QueueAsync()).Select(q => q.ConversationId));
        var requeued = (await host.Bot.ToBotEventsAsync()).Last();
        Assert.Equal((HandoffEventKinds.ConversationRequeued, "c-early", "wang"), (requeued.Kind, requeued.ConversationId, requeued.AgentId));
        Assert.Equal("WaitingForAgent", (string?)await host.Connection.GetDatabase().HashGetAsync(HandoffKeys.Conversation("c-early"), ConversationFields.Status));
        Assert.False(await host.Connection.GetDatabase().SetContainsAsync(HandoffKeys.OnlineAgents, "wang"), "the agent is offline now");
    }

    [Fact]
    public async Task ReconnectingWithinTheGracePeriodKeepsTheChat()
    {
        await using var host = await DashboardHost.StartAsync(extraArgs: "--Agents:DisconnectGraceSeconds=2");
        var agent = await host.AgentAsync("wang", online: false);
        await host.Bot.EscalateAsync("c-1", HandoffReason.Human);
        await agent.AcceptAsync("c-1");
        var page = await agent.ConnectHubAsync();

        page.Abort();
        await Task.Delay(500);
        await using var again = await agent.ConnectHubAsync();
        await Task.Delay(3000);

        Assert.Equal("c-1", Assert.Single(await agent.MineAsync()).ConversationId);
        Assert.DoesNotContain(await host.Bot.ToBotEventsAsync(), e => e.Kind == HandoffEventKinds.ConversationRequeued);
    }
}

public sealed class CrashedInstanceTests
{
    [Fact]
    public async Task ConnectionsOfACrashedInstanceAreForgottenAndTheGracePeriodStarts()
    {
        await using var host = await DashboardHost.StartAsync(extraArgs: "--Agents:DisconnectGraceSeconds=1");
        var agent = await host.AgentAsync("wang", online: false);
        await host.Bot.EscalateAsync("c-1", HandoffReason.Human);
        await agent.AcceptAsync("c-1");
        // An instance that died with the agent's page open: its connection is still listed, its heartbeat is gone.
        await host.Connection.GetDatabase().SetAddAsync(
            AgentKeys.Connections("wang"), "crashed-instance:connection-1");

        await Eventually.TrueAsync(async () => (await agent.QueueAsync()).Count == 1, TimeSpan.FromSeconds(15));

        Assert.Empty(await agent.MineAsync());
        Assert.Contains(await host.Bot.ToBotEventsAsync(), e => e.Kind == HandoffEventKinds.ConversationRequeued && e.ConversationId == "c-1");
    }

    [Fact]
    public async Task ConnectionsOfALiveInstanceAreKept()
    {
        await using var host = await DashboardHost.StartAsync(instances: 2, extraArgs: "--Agents:DisconnectGraceSeconds=1");
        var agent = await host.AgentAsync("wang", online: false);
        await host.Bot.EscalateAsync("c-1", HandoffReason.Human);
        await agent.AcceptAsync("c-1");
        await using var pageOnSecond = await agent.On(host.Instances[1].BaseAddress).ConnectHubAsync();

        await Task.Delay(TimeSpan.FromSeconds(12)); // two heartbeat periods of the first instance

        Assert.Single(await agent.MineAsync());
    }
}
