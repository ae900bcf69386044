using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Tests.Support;
using ChatSupport.TestSupport;

namespace ChatSupport.HandoffDashboard.Tests.Conversations;

public sealed class AutoAssignmentTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task WaitingChatsGoToTheLeastLoadedOnlineAgentWithTheSkill()
    {
        await using var host = await DashboardHost.StartAsync();
        var complaints = await host.AgentAsync("complaints1", skills: ["complaints"], maxChats: 5);
        var general1 = await host.AgentAsync("general1", skills: ["general"], maxChats: 5);
        var general2 = await host.AgentAsync("general2", skills: ["general"], maxChats: 5);
        var away = await host.AgentAsync("away1", skills: ["general", "complaints", "after-sales"], maxChats: 5, online: false);
        await away.SetStatusAsync("away");

        await host.Bot.EscalateAsync("complaint-1", HandoffReason.Complaint);
        for (var i = 0; i < 4; i++) await host.Bot.EscalateAsync("human-" + i, HandoffReason.Human);

        await Eventually.TrueAsync(async () => (await host.Connection.GetDatabase().SortedSetLengthAsync(HandoffKeys.Queue)) == 0, Timeout);
        Assert.Equal(["complaint-1"], (await complaints.MineAsync()).Select(m => m.ConversationId));
        Assert.Equal(2, (await general1.MineAsync()).Count);
        Assert.Equal(2, (await general2.MineAsync()).Count);
        Assert.Empty(await away.MineAsync());
    }

    [Fact]
    public async Task AgentsAreNeverGivenMoreThanTheirLimitAndTheRestWaits()
    {
        await using var host = await DashboardHost.StartAsync();
        var small = await host.AgentAsync("small", skills: ["after-sales"], maxChats: 1);
        var big = await host.AgentAsync("big", skills: ["after-sales"], maxChats: 2);
        for (var i = 0; i < 5; i++) await host.Bot.EscalateAsync("as-" + i, HandoffReason.AfterSales, escalatedAt: DateTimeOffset.UtcNow.AddSeconds(i));

        await Eventually.TrueAsync(async () => (await small.MineAsync()).Count + (await big.MineAsync()).Count == 3, Timeout);
        Assert.Single(await small.MineAsync());
        Assert.Equal(2, (await big.MineAsync()).Count);
        Assert.Equal(["as-3", "as-4"], (await small.QueueAsync()).Select(q => q.ConversationId));

        // Freeing a seat takes the next chat in queue order.
        await small.CloseAsync((await small.MineAsync())[0].ConversationId);
        await Eventually.TrueAsync(async () => (await small.MineAsync()).Any(m => m.ConversationId == "as-3"), Timeout);
        Assert.Equal(["as-4"], (await small.QueueAsync()).Select(q => q.ConversationId));
    }

    [Fact]
    public async Task ChatsWaitUntilAnAgentWithTheSkillComesOnline()
    {
        await using var host = await DashboardHost.StartAsync();
        var general = await host.AgentAsync("general1", skills: ["general"]);
        var later = await host.AgentAsync("complaints1", skills: ["complaints"], online: false);
        await host.Bot.EscalateAsync("complaint-1", HandoffReason.Complaint);

        await Task.Delay(800); // several sweeps (200 ms apart in tests)
        Assert.Empty(await general.MineAsync());
        Assert.Single(await general.QueueAsync());

        await later.SetStatusAsync("online");
        await Eventually.TrueAsync(async () => (await later.MineAsync()).Count == 1, Timeout);
    }
}
