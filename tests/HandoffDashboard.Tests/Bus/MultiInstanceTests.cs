using System.Net;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Tests.Support;

namespace ChatSupport.HandoffDashboard.Tests.Bus;

public sealed class MultiInstanceTests
{
    [Fact]
    public async Task EventsReachAnAgentConnectedToTheOtherInstance()
    {
        await using var host = await DashboardHost.StartAsync(instances: 2);
        var onA = await host.AgentAsync("wang", online: false, instance: 0);
        var onB = onA.On(host.Instances[1].BaseAddress);
        await using var pageOnB = await onB.ConnectHubAsync();

        // Escalated by the bot: instance B's page hears of the queue change.
        await host.Bot.EscalateAsync("c-1", HandoffReason.Human);
        await pageOnB.WaitForAsync("QueueChanged", n => n.GetProperty("conversationId").GetString() == "c-1");

        // Accepted through instance A: B's page is told and joins the chat's group.
        Assert.Equal(HttpStatusCode.OK, (await onA.AcceptAsync("c-1")).StatusCode);
        await pageOnB.WaitForAsync("AssignmentChanged", n => n.GetProperty("change").GetString() == "assigned");

        // The shopper writes: B pushes it to the agent's page, with the unread count.
        await host.Bot.CustomerSaysAsync("c-1", "你好，我的订单 <script>alert(1)</script> 到哪了");
        var message = await pageOnB.WaitForAsync("ConversationMessage", m => m.GetProperty("sender").GetString() == "customer");
        Assert.Equal("你好，我的订单 <script>alert(1)</script> 到哪了", message.Arg().GetProperty("text").GetString());
        var unread = await pageOnB.WaitForAsync("UnreadChanged");
        Assert.Equal(1, unread.Arg().GetProperty("unread").GetInt32());

        // The agent replies through A: B's page sees the echo with its client message id.
        await onA.SendAsync("c-1", "马上帮您查", "client-42");
        await pageOnB.WaitForAsync("ConversationMessage", m => m.GetProperty("clientMessageId").GetString() == "client-42");

        // Exactly one AgentJoined although both instances read the streams.
        Assert.Single(await host.Bot.ToBotEventsAsync(), e => e.Kind == HandoffEventKinds.AgentJoined);
    }

    [Fact]
    public async Task AutoAssignmentAcrossTwoInstancesGivesEachChatToExactlyOneAgent()
    {
        await using var host = await DashboardHost.StartAsync(instances: 2);
        var agents = new List<DashboardClient>();
        for (var i = 0; i < 4; i++) agents.Add(await host.AgentAsync("agent" + i, maxChats: 5, instance: i % 2));
        for (var i = 0; i < 20; i++) await host.Bot.EscalateAsync("c-" + i, HandoffReason.Human);

        await ChatSupport.TestSupport.Eventually.TrueAsync(
            async () => (await host.Connection.GetDatabase().SortedSetLengthAsync(HandoffKeys.Queue)) == 0, TimeSpan.FromSeconds(10));
        var mine = await Task.WhenAll(agents.Select(a => a.MineAsync()));
        Assert.Equal(20, mine.Sum(m => m.Count));
        Assert.All(mine, m => Assert.Equal(5, m.Count));
        var joined = (await host.Bot.ToBotEventsAsync()).Where(e => e.Kind == HandoffEventKinds.AgentJoined).ToList();
        Assert.Equal(20, joined.Count);
        Assert.Equal(20, joined.Select(e => e.ConversationId).Distinct().Count());
    }
}
