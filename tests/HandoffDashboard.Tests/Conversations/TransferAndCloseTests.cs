using System.Net;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Tests.Support;

namespace ChatSupport.HandoffDashboard.Tests.Conversations;

public sealed class TransferAndCloseTests
{
    [Fact]
    public async Task OwnerTransfersToAnOnlineColleagueWithANote()
    {
        await using var host = await DashboardHost.StartAsync();
        var from = await host.AgentAsync("from", online: false);
        var to = await host.AgentAsync("to", online: false);
        await host.Bot.EscalateAsync("c-1", HandoffReason.AfterSales);
        await from.AcceptAsync("c-1");

        Assert.Equal(HttpStatusCode.Conflict, (await from.TransferAsync("c-1", "to", "需要退款权限")).StatusCode);
        await to.SetStatusAsync("away");
        Assert.Equal(HttpStatusCode.Conflict, (await from.TransferAsync("c-1", "to", "需要退款权限")).StatusCode);
        await to.SetStatusAsync("online");
        Assert.Equal(HttpStatusCode.NotFound, (await from.TransferAsync("c-1", "nobody")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await from.TransferAsync("c-1", null)).StatusCode);

        var moved = await from.TransferAsync("c-1", "to", "需要退款权限");

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Empty(await from.MineAsync());
        Assert.Equal("c-1", Assert.Single(await to.MineAsync()).ConversationId);
        Assert.Equal(HttpStatusCode.Forbidden, (await from.SendAsync("c-1", "还在吗")).StatusCode);
        var transferred = (await host.Bot.ConsumeAsync()).Last();
        Assert.Equal(HandoffEventKinds.ConversationTransferred, transferred.Kind);
        Assert.Equal("from", transferred.AgentId);
        Assert.Equal("to", transferred.ToAgentId);
        Assert.Equal("客服to", transferred.AgentName);
        Assert.Equal("需要退款权限", transferred.Note);
    }

    [Fact]
    public async Task TransferToSupervisorPicksAnOnlineSupervisor()
    {
        await using var host = await DashboardHost.StartAsync();
        var agent = await host.AgentAsync("junior", online: false);
        var supervisor = await host.AgentAsync("senior", roles: ["agent", "supervisor"], skills: [], online: true);
        await host.Bot.EscalateAsync("c-1", HandoffReason.Complaint);
        await agent.AcceptAsync("c-1");

        var moved = await agent.TransferAsync("c-1", null, "顾客要求找主管", toSupervisor: true);

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("c-1", Assert.Single(await supervisor.MineAsync()).ConversationId);
    }

    [Fact]
    public async Task SupervisorReassignsAnotherAgentsChatAndAgentsCannot()
    {
        await using var host = await DashboardHost.StartAsync();
        var a = await host.AgentAsync("aa", online: false);
        var b = await host.AgentAsync("bb", online: false);
        var supervisor = await host.AgentAsync("sup", roles: ["supervisor"], online: false);
        await host.Bot.EscalateAsync("c-1", HandoffReason.Human);
        await a.AcceptAsync("c-1");

        Assert.Equal(HttpStatusCode.Forbidden, (await b.ReassignAsync("c-1", "bb")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await b.Http.GetAsync("api/conversations/active")).StatusCode);
        Assert.Contains("c-1", await supervisor.Http.GetStringAsync("api/conversations/active"));

        var reassigned = await supervisor.ReassignAsync("c-1", "bb", "aa 下班了");

        Assert.Equal(HttpStatusCode.OK, reassigned.StatusCode);
        Assert.Empty(await a.MineAsync());
        Assert.Equal("c-1", Assert.Single(await b.MineAsync()).ConversationId);
        var e = (await host.Bot.ConsumeAsync()).Last();
        Assert.Equal((HandoffEventKinds.ConversationTransferred, "aa", "bb", "aa 下班了"), (e.Kind, e.AgentId, e.ToAgentId, e.Note));
    }

    [Fact]
    public async Task ClosingEndsTheChatTellsTheBotAndFreesTheAgent()
    {
        await using var host = await DashboardHost.StartAsync();
        var agent = await host.AgentAsync("wang", online: false);
        await host.Bot.EscalateAsync("c-1", HandoffReason.Human);
        await agent.AcceptAsync("c-1");

        var closed = await agent.CloseAsync("c-1");

        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Empty(await agent.MineAsync());
        var db = host.Connection.GetDatabase();
        Assert.Equal("Closed", (string?)await db.HashGetAsync(HandoffKeys.Conversation("c-1"), ConversationFields.Status));
        Assert.NotNull((string?)await db.HashGetAsync(HandoffKeys.Conversation("c-1"), ConversationFields.ClosedAt));
        Assert.True((await db.KeyTimeToLiveAsync(HandoffKeys.Conversation("c-1"))) > TimeSpan.FromDays(100), "kept for the retention period");
        var events = await host.Bot.ConsumeAsync();
        Assert.Equal([HandoffEventKinds.AgentJoined, HandoffEventKinds.ConversationClosed], events.Select(e => e.Kind));
        Assert.Equal("WithBot", (string?)await db.HashGetAsync(HandoffKeys.Conversation("c-1"), ConversationFields.Status));
        Assert.Equal(HttpStatusCode.Conflict, (await agent.CloseAsync("c-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await agent.SendAsync("c-1", "还在吗")).StatusCode);
    }
}
