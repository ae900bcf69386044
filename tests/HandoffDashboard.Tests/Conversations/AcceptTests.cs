using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Tests.Support;

namespace ChatSupport.HandoffDashboard.Tests.Conversations;

public sealed class AcceptTests
{
    [Fact]
    public async Task AgentAcceptsAQueuedChatAndTheBotIsToldWhoJoined()
    {
        await using var host = await DashboardHost.StartAsync();
        var agent = await host.AgentAsync("wang", online: false);
        await host.Bot.EscalateAsync("c-1", HandoffReason.AfterSales, "李四",
            history: [(TranscriptSenders.Customer, "我要退货"), (TranscriptSenders.Bot, "好的，正在为您转接人工客服")]);

        var accepted = await agent.AcceptAsync("c-1");

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Empty(await agent.QueueAsync());
        var mine = Assert.Single(await agent.MineAsync());
        Assert.Equal("c-1", mine.ConversationId);
        Assert.Equal("after-sales", mine.Reason);
        var hash = await host.Connection.GetDatabase().HashGetAllAsync(HandoffKeys.Conversation("c-1"));
        var fields = hash.ToDictionary(h => (string)h.Name!, h => (string)h.Value!);
        Assert.Equal("WithAgent", fields[ConversationFields.Status]);
        Assert.Equal("wang", fields[ConversationFields.Assignee]);
        Assert.Equal("客服wang", fields[ConversationFields.AssigneeName]);
        Assert.NotNull(HandoffDashboard.Conversations.ConversationSnapshot.ParseTime(fields[ConversationFields.AcceptedAt]));

        var joined = Assert.Single(await host.Bot.ConsumeAsync());
        Assert.Equal(HandoffEventKinds.AgentJoined, joined.Kind);
        Assert.Equal("c-1", joined.ConversationId);
        Assert.Equal("wang", joined.AgentId);
        Assert.Equal("客服wang", joined.AgentName);

        // The chat view gets the whole transcript, bot part included, and the reason.
        var transcript = await (await agent.TranscriptAsync("c-1")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("after-sales", transcript.GetProperty("conversation").GetProperty("reason").GetString());
        Assert.Equal(["我要退货", "好的，正在为您转接人工客服"],
            transcript.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task TwoAgentsAcceptingTheSameChatAtOnceExactlyOneWins()
    {
        await using var host = await DashboardHost.StartAsync();
        var agents = new List<DashboardClient>();
        for (var i = 0; i < 4; i++) agents.Add(await host.AgentAsync("racer" + i, online: false));
        for (var round = 0; round < 15; round++)
        {
            var id = "race-" + round;
            await host.Bot.EscalateAsync(id, HandoffReason.Human);

            var results = await Task.WhenAll(agents.Select(a => a.AcceptAsync(id)));

            Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.OK));
            Assert.Equal(agents.Count - 1, results.Count(r => r.StatusCode == HttpStatusCode.Conflict));
            var winner = agents[Array.FindIndex(results, r => r.StatusCode == HttpStatusCode.OK)];
            Assert.Equal(winner.AgentId, (string?)await host.Connection.GetDatabase().HashGetAsync(HandoffKeys.Conversation(id), ConversationFields.Assignee));
        }
        var joined = (await host.Bot.ToBotEventsAsync()).Where(e => e.Kind == HandoffEventKinds.AgentJoined).ToList();
        Assert.Equal(15, joined.Count);
        Assert.Equal(15, joined.Select(e => e.ConversationId).Distinct().Count());
        var loads = await Task.WhenAll(agents.Select(a => a.MineAsync()));
        Assert.Equal(15, loads.Sum(l => l.Count));
    }

    [Fact]
    public async Task AgentSeesOnlyQueuedChatsAndTheirOwn()
    {
        await using var host = await DashboardHost.StartAsync();
        var owner = await host.AgentAsync("owner", online: false);
        var other = await host.AgentAsync("other", online: false);
        var supervisor = await host.AgentAsync("boss", roles: ["agent", "supervisor"], online: false);
        await host.Bot.EscalateAsync("c-1", HandoffReason.Human);

        Assert.Equal(HttpStatusCode.OK, (await other.TranscriptAsync("c-1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.AcceptAsync("c-1")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await owner.TranscriptAsync("c-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.TranscriptAsync("c-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Http.GetAsync("api/conversations/c-1/earlier")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.SendAsync("c-1", "我来回答")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.CloseAsync("c-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.TransferAsync("c-1", "other")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.TranscriptAsync("c-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.TranscriptAsync("no-such-chat")).StatusCode);
        Assert.DoesNotContain(await other.MineAsync(), m => m.ConversationId == "c-1");

        using var anonymous = host.Dashboard.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/queue")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/conversations/c-1/transcript")).StatusCode);
    }

    [Fact]
    public async Task EarlierConversationsOfTheSameShopperAreShown()
    {
        await using var host = await DashboardHost.StartAsync();
        var agent = await host.AgentAsync("wang", online: false);
        await host.Bot.EscalateAsync("old-1", HandoffReason.Human, customerId: "shopper-7", escalatedAt: DateTimeOffset.UtcNow.AddDays(-3),
            history: [(TranscriptSenders.Customer, "上次的订单还没到")]);
        await host.Bot.EscalateAsync("new-1", HandoffReason.Human, customerId: "shopper-7", history: [(TranscriptSenders.Customer, "又是我")]);
        Assert.Equal(HttpStatusCode.OK, (await agent.AcceptAsync("new-1")).StatusCode);

        var earlier = await agent.Http.GetFromJsonAsync<JsonElement>("api/conversations/new-1/earlier");

        var only = Assert.Single(earlier.EnumerateArray());
        Assert.Equal("old-1", only.GetProperty("conversation").GetProperty("conversationId").GetString());
        Assert.Equal("上次的订单还没到", only.GetProperty("entries")[0].GetProperty("text").GetString());
    }
}
