using System.Net;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Tests.Support;

namespace ChatSupport.HandoffDashboard.Tests.Conversations;

public sealed class QueueTests
{
    [Fact]
    public async Task QueueListsComplaintsFirstThenAfterSalesThenByWaitingTime()
    {
        await using var host = await DashboardHost.StartAsync();
        var agent = await host.AgentAsync("li", online: false);
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-30);
        await host.Bot.EscalateAsync("c-human-old", HandoffReason.Human, escalatedAt: t0);
        await host.Bot.EscalateAsync("c-aftersales", HandoffReason.AfterSales, escalatedAt: t0.AddMinutes(5));
        await host.Bot.EscalateAsync("c-complaint-new", HandoffReason.Complaint, escalatedAt: t0.AddMinutes(20));
        await host.Bot.EscalateAsync("c-complaint-old", HandoffReason.Complaint, escalatedAt: t0.AddMinutes(10));
        await host.Bot.EscalateAsync("c-human-new", HandoffReason.Human, escalatedAt: t0.AddMinutes(1));

        var queue = await agent.QueueAsync();

        Assert.Equal(["c-complaint-old", "c-complaint-new", "c-aftersales", "c-human-old", "c-human-new"], queue.Select(q => q.ConversationId));
        Assert.Equal([1, 2, 3, 4, 5], queue.Select(q => q.Position));
        Assert.Equal("complaint", queue[0].Reason);
        Assert.True(queue[3].WaitingSeconds >= 29 * 60, "waiting time comes from escalatedAt");
    }

    [Fact]
    public async Task ShopperWhoLeavesWhileQueuedLeavesTheQueue()
    {
        await using var host = await DashboardHost.StartAsync();
        var agent = await host.AgentAsync("li", online: false);
        await host.Bot.EscalateAsync("c-1", HandoffReason.Human);
        await host.Bot.EscalateAsync("c-2", HandoffReason.Human);

        await host.Bot.CustomerLeavesAsync("c-1");

        await ChatSupport.TestSupport.Eventually.TrueAsync(async () => (await agent.QueueAsync()).Count == 1, TimeSpan.FromSeconds(5));
        Assert.Equal("c-2", (await agent.QueueAsync())[0].ConversationId);
        Assert.Equal(HttpStatusCode.Conflict, (await agent.AcceptAsync("c-1")).StatusCode);
    }
}
