using System.Net;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Tests.Support;

namespace ChatSupport.HandoffDashboard.Tests.Conversations;

public sealed class RestartTests
{
    [Fact]
    public async Task ARestartedDashboardShowsTheSameQueueAndChatsAndKeepsAgentsSignedIn()
    {
        await using var host = await DashboardHost.StartAsync(appendOnly: true);
        var agent = await host.AgentAsync("wang", online: false);
        await host.Bot.EscalateAsync("c-mine", HandoffReason.AfterSales);
        await host.Bot.EscalateAsync("c-queued", HandoffReason.Human);
        await agent.AcceptAsync("c-mine");

        await host.StopInstanceAsync(host.Dashboard);
        var restarted = await host.StartInstanceAsync();
        var sameAgent = agent.On(restarted.BaseAddress);

        // The old cookie and anti-forgery token still work (data-protection keys live in Redis).
        Assert.Equal(["c-queued"], (await sameAgent.QueueAsync()).Select(q => q.ConversationId));
        Assert.Equal(["c-mine"], (await sameAgent.MineAsync()).Select(m => m.ConversationId));
        Assert.Equal(HttpStatusCode.Accepted, (await sameAgent.SendAsync("c-mine", "系统刚才维护了一下，我们继续")).StatusCode);
        Assert.Contains(await host.Bot.ToBotEventsAsync(), e => e.Kind == HandoffEventKinds.AgentReplied && e.Text == "系统刚才维护了一下，我们继续");
        await using var page = await sameAgent.ConnectHubAsync();
        await host.Bot.CustomerSaysAsync("c-mine", "好的");
        await page.WaitForAsync("ConversationMessage", m => m.GetProperty("text").GetString() == "好的");
    }

    [Fact]
    public async Task NothingIsLostWhenRedisRestarts()
    {
        await using var host = await DashboardHost.StartAsync(appendOnly: true);
        var agent = await host.AgentAsync("wang", online: false);
        await host.Bot.EscalateAsync("c-1", HandoffReason.Human);
        await host.Bot.EscalateAsync("c-2", HandoffReason.Human);
        await agent.AcceptAsync("c-1");

        host.Redis.Restart();

        await ChatSupport.TestSupport.Eventually.TrueAsync(async () =>
        {
            try { return (await agent.Http.GetAsync("api/queue")).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
        }, TimeSpan.FromSeconds(20), "dashboard reconnects to Redis");
        Assert.Equal(["c-2"], (await agent.QueueAsync()).Select(q => q.ConversationId));
        Assert.Equal(["c-1"], (await agent.MineAsync()).Select(m => m.ConversationId));
        IReadOnlyList<HandoffEvent> events = [];
        await ChatSupport.TestSupport.Eventually.TrueAsync(async () =>
        {
            try { events = await host.Bot.ToBotEventsAsync(); return true; }
            catch (StackExchange.Redis.RedisConnectionException) { return false; } // the test's own connection reconnecting
        }, TimeSpan.FromSeconds(20));
        Assert.Contains(events, e => e.Kind == HandoffEventKinds.AgentJoined && e.ConversationId == "c-1");
    }
}
