using System.Globalization;
using System.Net;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Redis;
using ChatSupport.HandoffDashboard.Tests.Support;
using StackExchange.Redis;
using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.HandoffDashboard.Tests.Conversations;

/// <summary>
/// Races between the bot's status changes and the dashboard's, each side running the contract's scripts
/// (bot/HandoffContract StatusScripts, what the bot runs): whatever the interleaving, exactly one side wins, no
/// chat is left WithBot while an agent holds it, and no agent's slot is used up for good.
/// </summary>
public sealed class StatusRaceTests
{
    private static Task<RedisResult> BotLeavesQueueAsync(IDatabase db, string id) =>
        db.ScriptEvaluateAsync(StatusScripts.LeaveQueue, [HandoffKeys.Conversation(id), HandoffKeys.Queue, HandoffKeys.ToDashboardStream],
            [id, DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
             new HandoffEvent { Kind = HandoffEventKinds.CustomerLeft, ConversationId = id }.ToJson(), HandoffKeys.ToDashboardWakeUpChannel]);

    private static Task<RedisResult> BotEscalatesAgainAsync(IDatabase db, string id)
    {
        var now = DateTimeOffset.UtcNow;
        var evt = new HandoffEvent { Kind = HandoffEventKinds.EscalationRequested, ConversationId = id, CustomerId = "customer-" + id, Reason = "human" };
        return db.ScriptEvaluateAsync(StatusScripts.Escalate,
            [HandoffKeys.Conversation(id), HandoffKeys.Queue, HandoffKeys.ToDashboardStream],
            ["customer-" + id, "张三", "human", now.ToString("O", CultureInfo.InvariantCulture), QueueScore.For(HandoffReason.Human, now),
             evt.ToJson(), HandoffKeys.ToDashboardWakeUpChannel, 86400, id]);
    }

    /// <summary>The bot relays a close it read late: Closed → WithBot only.</summary>
    private static Task<RedisResult> BotResumesAsync(IDatabase db, string id) =>
        db.ScriptEvaluateAsync(StatusScripts.ResumeWithBot, [HandoffKeys.Conversation(id)]);

    private static async Task<string?> StatusAsync(IDatabase db, string id) => await db.HashGetAsync(HandoffKeys.Conversation(id), ConversationFields.Status);

    [Fact]
    public async Task AShopperLeavingTheQueueWhileAnAgentAcceptsHasExactlyOneWinnerAndNeverStrandsTheChat()
    {
        await using var host = await DashboardHost.StartAsync();
        var agent = await host.AgentAsync("wang", online: false);
        var db = host.Connection.GetDatabase();
        int accepted = 0, left = 0;
        for (var round = 0; round < 30; round++)
        {
            var id = "leave-race-" + round;
            await host.Bot.EscalateAsync(id, HandoffReason.Human);

            var accepting = agent.AcceptAsync(id);
            var leaving = BotLeavesQueueAsync(db, id);
            var (response, leaveCode) = (await accepting, (int)await leaving);

            var status = await StatusAsync(db, id);
            var held = await db.SetContainsAsync(AgentKeys.Conversations(agent.AgentId), id);
            Assert.False(await db.SortedSetScoreAsync(HandoffKeys.Queue, id) is not null, $"{id} still queued");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                accepted++;
                Assert.Equal(0, leaveCode);
                Assert.Equal("WithAgent", status);
                Assert.True(held);
            }
            else
            {
                left++;
                Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
                Assert.Equal(1, leaveCode);
                Assert.Equal("Closed", status);
                Assert.False(held, $"{id}: the agent holds a chat the shopper left");
            }
        }
        Assert.Equal(30, accepted + left);
        // Every chat the agent holds is one they can close: none is stuck in a status that refuses it.
        foreach (var mine in await agent.MineAsync()) Assert.Equal(HttpStatusCode.OK, (await agent.CloseAsync(mine.ConversationId)).StatusCode);
        Assert.Equal(0, await db.SetLengthAsync(AgentKeys.Conversations(agent.AgentId)));
    }

    [Fact]
    public async Task ARelayedCloseRacingANewAssignmentNeverTakesTheChatFromTheAgentAndTheirSlotIsFreedOnClose()
    {
        await using var host = await DashboardHost.StartAsync();
        var first = await host.AgentAsync("li", online: false);
        var second = await host.AgentAsync("zhao", online: false, maxChats: 1);
        var db = host.Connection.GetDatabase();
        await host.Bot.EscalateAsync("c-relay", HandoffReason.Human);
        Assert.Equal(HttpStatusCode.OK, (await first.AcceptAsync("c-relay")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.CloseAsync("c-relay")).StatusCode);

        // Before the bot relays that close, the shopper asks for a person again and the second agent takes the chat.
        Assert.Equal(1, (int)await BotEscalatesAgainAsync(db, "c-relay"));
        Assert.Equal(HttpStatusCode.OK, (await second.AcceptAsync("c-relay")).StatusCode);

        // Now the bot relays the first close. Before: it set WithBot unconditionally, the second agent's replies
        // answered 409, the chat could not be closed, and it used up their only slot for good.
        Assert.Equal(0, (int)await BotResumesAsync(db, "c-relay"));
        Assert.Equal("WithAgent", await StatusAsync(db, "c-relay"));
        Assert.Equal(HttpStatusCode.Accepted, (await second.SendAsync("c-relay", "您好，我来继续为您处理")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.CloseAsync("c-relay")).StatusCode);
        Assert.Equal(0, await db.SetLengthAsync(AgentKeys.Conversations(second.AgentId)));

        // The close relayed now is the one that gives the chat back to the bot.
        Assert.Equal(1, (int)await BotResumesAsync(db, "c-relay"));
        Assert.Equal("WithBot", await StatusAsync(db, "c-relay"));
    }

    [Fact]
    public async Task TheDashboardsLeaveQueueAfterTheBotsAgreesAndChangesNothing()
    {
        await using var host = await DashboardHost.StartAsync();
        var db = host.Connection.GetDatabase();
        await host.Bot.EscalateAsync("c-left", HandoffReason.Human);

        Assert.Equal(1, (int)await BotLeavesQueueAsync(db, "c-left"));
        var closedAt = (string?)await db.HashGetAsync(HandoffKeys.Conversation("c-left"), ConversationFields.ClosedAt);
        // The dashboard reads the CustomerLeft the bot's script appended and runs the same script: already Closed.
        await Task.Delay(500);
        Assert.Equal("Closed", await StatusAsync(db, "c-left"));
        Assert.Equal(closedAt, (string?)await db.HashGetAsync(HandoffKeys.Conversation("c-left"), ConversationFields.ClosedAt));
        Assert.Empty(await (await host.AdminAsync()).QueueAsync());
    }

    [Fact]
    public void EveryMoveTheScriptsMakeIsInTheListAndNothingElseIs()
    {
        Assert.True(StatusTransitions.IsAllowed(ConversationStatus.WaitingForAgent, ConversationStatus.WithAgent));
        Assert.True(StatusTransitions.IsAllowed(ConversationStatus.Closed, ConversationStatus.WithBot));
        Assert.False(StatusTransitions.IsAllowed(ConversationStatus.WithAgent, ConversationStatus.WithBot));
        Assert.False(StatusTransitions.IsAllowed(ConversationStatus.WaitingForAgent, ConversationStatus.WithBot));
        Assert.False(StatusTransitions.IsAllowed(ConversationStatus.WithBot, ConversationStatus.WithAgent));
        foreach (var script in new[] { StatusScripts.Escalate, StatusScripts.LeaveQueue, StatusScripts.ResumeWithBot, StatusScripts.Assign, StatusScripts.Transfer, StatusScripts.Close, StatusScripts.Requeue })
        {
            // Status is written by cas() only (the prelude's one HSET of the status field).
            Assert.DoesNotContain("HSET', KEYS[1], 'status'", script);
            Assert.Contains("cas(KEYS[1], ", script);
        }
    }
}
