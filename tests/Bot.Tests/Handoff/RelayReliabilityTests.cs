using Stopwatch = System.Diagnostics.Stopwatch;
using System.Text.Json.Nodes;
using ChatSupport.Bot.Tests.Support;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffContract.Keys;
using ChatSupport.TestSupport;
using StackExchange.Redis;

namespace ChatSupport.Bot.Tests.Handoff;

/// <summary>
/// What a dead instance leaves behind (its turn lease on a handed-off conversation, as after <c>kill -9</c>
/// mid-turn) must not cost a message in either direction: the relay retries, in order, and the others go on.
/// </summary>
public sealed class RelayReliabilityTests() : BotWithDashboardRole(BotHost.HandoffAtOnce)
{
    private static readonly TimeSpan DeadLease = TimeSpan.FromSeconds(20); // what the old bot's turn lease lasted

    private static bool FromAgent(JsonObject a, string text) =>
        a["type"]!.GetValue<string>() == "message" && a["from"]?["id"]?.GetValue<string>()?.StartsWith("agent:") == true && a["text"]?.GetValue<string>() == text;

    private async Task<DirectLineTestClient> ShopperWithAgentAsync(string agentId)
    {
        var shopper = new DirectLineTestClient(BotApp.BaseAddress);
        await shopper.StartAsync(BotHost.Secret);
        await shopper.ConnectStreamAsync();
        await shopper.PostMessageAsync("我要退货");
        await shopper.NextAsync(a => DirectLineTestClient.IsBotMessage(a) && a["text"]!.GetValue<string>().Contains("转接人工客服"));
        await Dashboard.AcceptAsync(shopper.ConversationId, agentId, "小王");
        await shopper.NextAsync(a => DirectLineTestClient.IsBotMessage(a) && a["text"]!.GetValue<string>().Contains("已接入"));
        return shopper;
    }

    /// <summary>A dead instance's turn lease, as <c>kill -9</c> mid-turn leaves it.</summary>
    private Task PlantDeadLeaseAsync(string conversationId) =>
        Mux.GetDatabase().StringSetAsync(BotStateKeys.TurnLock(conversationId), "dead-instance", DeadLease);

    [Fact]
    public async Task AgentRepliesBehindADeadInstancesTurnLeaseAllArriveInOrderAndOtherChatsAreNotHeldUp()
    {
        await Dashboard.AgentOnlineAsync("wang");
        await using var stuck = await ShopperWithAgentAsync("wang");
        await using var other = await ShopperWithAgentAsync("wang");
        await PlantDeadLeaseAsync(stuck.ConversationId);
        var clock = Stopwatch.StartNew();

        await Dashboard.ReplyAsync(stuck.ConversationId, "wang", "小王", "第1条：请提供订单号");
        await Dashboard.ReplyAsync(other.ConversationId, "wang", "小王", "另一位：已为您登记");
        // The other chat's reply is not held up behind the stuck one (the relay waits at most 10 s on one lease).
        await other.NextAsync(a => FromAgent(a, "另一位：已为您登记"), TimeSpan.FromSeconds(8));
        Assert.True(clock.Elapsed < DeadLease, "the other conversation waited for the stuck one");

        await Task.Delay(TimeSpan.FromSeconds(25) - clock.Elapsed);
        await Dashboard.ReplyAsync(stuck.ConversationId, "wang", "小王", "第2条：已为您退款");

        // Before: the first was dropped ("could not handle event", cursor moved past it) and only the second arrived.
        var first = await stuck.NextAsync(a => FromAgent(a, "第1条：请提供订单号") || FromAgent(a, "第2条：已为您退款"), TimeSpan.FromSeconds(30));
        Assert.Equal("第1条：请提供订单号", first["text"]!.GetValue<string>());
        await stuck.NextAsync(a => FromAgent(a, "第2条：已为您退款"), TimeSpan.FromSeconds(30));

        // Exactly once each, in the transcript agents read too.
        var transcript = await Dashboard.TranscriptAsync(stuck.ConversationId);
        Assert.Equal(["第1条：请提供订单号", "第2条：已为您退款"], transcript.Where(t => t.Sender == "agent").Select(t => t.Text));
        var parked = new ChatSupport.Bot.Protocol.ConversationRetryQueue(Mux, "relay");
        await Eventually.TrueAsync(async () => await parked.ConversationCountAsync() == 0, TimeSpan.FromSeconds(5), "nothing left parked");
    }

    [Fact]
    public async Task AShopperMessageBehindADeadInstancesTurnLeaseStillReachesTheAgent()
    {
        await Dashboard.AgentOnlineAsync("wang");
        await using var shopper = await ShopperWithAgentAsync("wang");
        await PlantDeadLeaseAsync(shopper.ConversationId);

        // Before: the post waited 10 s for the lease, answered 502, and the message never reached the agent.
        var sent = await shopper.PostMessageAsync("订单号是 20261201001");
        var second = await shopper.PostMessageAsync("麻烦尽快处理");

        await Eventually.TrueAsync(async () => (await Dashboard.EventsFromBotAsync()).Count(e => e.Kind == HandoffEventKinds.CustomerReplied) >= 2,
            TimeSpan.FromSeconds(45), "the shopper's messages reach the agent once the dead lease ends");
        var replied = (await Dashboard.EventsFromBotAsync()).Where(e => e.Kind == HandoffEventKinds.CustomerReplied).ToList();
        Assert.Equal([sent, second], replied.Select(e => e.ActivityId));
        Assert.Equal(["订单号是 20261201001", "麻烦尽快处理"], replied.Select(e => e.Text));
        var transcript = await Dashboard.TranscriptAsync(shopper.ConversationId);
        Assert.Single(transcript, t => t.Text == "订单号是 20261201001");
    }

    [Fact]
    public async Task ARelayedCloseThatArrivesAfterTheChatWasTakenAgainLeavesItWithTheAgent()
    {
        await Dashboard.AgentOnlineAsync("wang");
        await using var shopper = await ShopperWithAgentAsync("wang");
        var id = shopper.ConversationId;
        var db = Mux.GetDatabase();
        // The dashboard closed the chat, the shopper escalated again and another agent took it, all before the bot
        // relayed the close (the relay was behind: a dead lease on this conversation).
        await PlantDeadLeaseAsync(id);
        await db.HashSetAsync(HandoffKeys.Conversation(id), ConversationFields.Status, nameof(ConversationStatus.Closed));
        await Dashboard.SendAsync(new HandoffEvent { Kind = HandoffEventKinds.ConversationClosed, ConversationId = id, AgentId = "wang" });
        await db.HashSetAsync(HandoffKeys.Conversation(id),
            [new HashEntry(ConversationFields.Status, nameof(ConversationStatus.WithAgent)), new HashEntry(ConversationFields.Assignee, "li")]);
        await db.KeyDeleteAsync(BotStateKeys.TurnLock(id));

        await shopper.NextAsync(a => DirectLineTestClient.IsBotMessage(a) && a["text"]!.GetValue<string>().Contains("评价"), TimeSpan.FromSeconds(30));
        // Before: the relayed close set WithBot unconditionally, taking the chat from the agent who holds it.
        Assert.Equal("WithAgent", await Dashboard.StatusAsync(id));
    }

    [Fact]
    public async Task AShopperLeavingTheQueueClosesTheWaitingChatAtOnceTheWayTheDashboardDoes()
    {
        await Dashboard.AgentOnlineAsync("wang");
        await using var shopper = new DirectLineTestClient(BotApp.BaseAddress);
        await shopper.StartAsync(BotHost.Secret);
        await shopper.ConnectStreamAsync();
        await shopper.PostMessageAsync("我要退货");
        await shopper.NextAsync(a => DirectLineTestClient.IsBotMessage(a) && a["text"]!.GetValue<string>().Contains("转接人工客服"));

        await shopper.PostMessageAsync("结束排队");
        await shopper.NextAsync(a => DirectLineTestClient.IsBotMessage(a) && a["text"]!.GetValue<string>().Contains("已为您取消排队"));

        // Before: the bot set WithBot, so the dashboard's leave-queue script (which needs WaitingForAgent) found nothing to do.
        Assert.Equal("Closed", await Dashboard.StatusAsync(shopper.ConversationId));
        Assert.Empty(await Dashboard.QueueAsync());
        Assert.Contains(await Dashboard.EventsFromBotAsync(), e => e.Kind == HandoffEventKinds.CustomerLeft && e.ConversationId == shopper.ConversationId);
        var fields = (await Mux.GetDatabase().HashGetAllAsync(HandoffKeys.Conversation(shopper.ConversationId))).ToDictionary(h => h.Name.ToString(), h => h.Value.ToString());
        Assert.True(DateTimeOffset.TryParse(fields[ConversationFields.ClosedAt], out _));

        // The shopper can ask for a person again.
        await shopper.PostMessageAsync("转人工");
        await shopper.NextAsync(a => DirectLineTestClient.IsBotMessage(a) && a["text"]!.GetValue<string>().Contains("转接人工客服"));
        Assert.Equal("WaitingForAgent", await Dashboard.StatusAsync(shopper.ConversationId));
    }
}
