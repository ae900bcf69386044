using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.StaleChats;
using ChatSupport.HandoffDashboard.Tests.Support;
using ChatSupport.TestSupport;

namespace ChatSupport.HandoffDashboard.Tests.StaleChats;

/// <summary>Real Redis and a real dashboard with short idle times: the sweep acts through the status scripts and the bot stream.</summary>
public sealed class StaleChatTests
{
    private static Task<DashboardHost> StartAsync(string action = "Requeue") => DashboardHost.StartAsync(1, false,
        "--StaleChats:AgentSilentAfter=00:00:02", "--StaleChats:ShopperSilentAfter=00:00:02", "--StaleChats:SweepInterval=00:00:00.200",
        $"--StaleChats:AgentSilentAction={action}");

    [Fact]
    public async Task ASilentAgentsChatGoesBackToTheQueueAndTheShopperAndSupervisorsAreTold()
    {
        await using var host = await StartAsync();
        var agent = await host.AgentAsync("slow", online: false);
        await host.Bot.EscalateAsync("c-1", HandoffReason.AfterSales);
        await agent.AcceptAsync("c-1");
        await host.Bot.CustomerSaysAsync("c-1", "请问还在吗");

        var events = new List<HandoffEvent>();
        await Eventually.TrueAsync(async () =>
        {
            events.AddRange(await host.Bot.ConsumeAsync());
            return events.Any(e => e.Kind == HandoffEventKinds.ConversationRequeued);
        }, TimeSpan.FromSeconds(10), "the chat is requeued after the agent's silence");

        var requeued = events.Single(e => e.Kind == HandoffEventKinds.ConversationRequeued);
        Assert.Equal("slow", requeued.AgentId);
        // The note is what supervisors see with the requeue (HandoffEventDispatcher); the bot tells the shopper on this event.
        Assert.Equal(StaleChatSweeper.AgentSilentReason, requeued.Note);
        Assert.Contains((await agent.QueueAsync()), q => q.ConversationId == "c-1");
    }

    [Fact]
    public async Task ASilentAgentsChatCanGoStraightToTheNextAgent()
    {
        await using var host = await StartAsync("NextAgent");
        var slow = await host.AgentAsync("slow", online: false);
        await host.Bot.EscalateAsync("c-1", HandoffReason.AfterSales);
        await slow.AcceptAsync("c-1");
        var next = await host.AgentAsync("next", online: true);
        await host.Bot.CustomerSaysAsync("c-1", "请问还在吗");

        await Eventually.TrueAsync(async () => (await next.MineAsync()).Any(m => m.ConversationId == "c-1"),
            TimeSpan.FromSeconds(10), "the chat moves to the online colleague");
        Assert.Empty(await slow.MineAsync());
    }

    [Fact]
    public async Task AChatWhoseShopperWentSilentIsResolvedWithOneFarewellAndTheSurvey()
    {
        await using var host = await StartAsync();
        var agent = await host.AgentAsync("li", online: false);
        await host.Bot.EscalateAsync("c-1", HandoffReason.AfterSales);
        await agent.AcceptAsync("c-1");
        await host.Bot.CustomerSaysAsync("c-1", "退款到账了吗");
        await agent.SendAsync("c-1", "已经原路退回，请留意银行通知");
        var events = new List<HandoffEvent>(await host.Bot.ConsumeAsync());

        await Eventually.TrueAsync(async () =>
        {
            events.AddRange(await host.Bot.ConsumeAsync());
            return events.Any(e => e.Kind == HandoffEventKinds.ConversationClosed);
        }, TimeSpan.FromSeconds(10), "the chat is closed after the shopper's silence");
        await Task.Delay(600);
        events.AddRange(await host.Bot.ConsumeAsync());

        var farewell = Assert.Single(events, e => e.Kind == HandoffEventKinds.AgentReplied && e.Text == new StaleChatOptions().Farewell);
        Assert.Equal("li", farewell.AgentId);
        var closed = Assert.Single(events, e => e.Kind == HandoffEventKinds.ConversationClosed);
        Assert.True(events.IndexOf(farewell) < events.IndexOf(closed), "the farewell comes before the close (which makes the bot send the survey)");
        Assert.DoesNotContain(events, e => e.Kind == HandoffEventKinds.ConversationRequeued);
    }
}
