using System.Text.Json.Nodes;
using ChatSupport.Bot.DirectLine;
using ChatSupport.Bot.Protocol;
using ChatSupport.HandoffContract.Keys;
using ChatSupport.TestSupport;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.Tests.DirectLine;

/// <summary>
/// A turn run again after a failure (Redis stored the reply but the answer timed out; the message was deferred and
/// replayed) sends its replies again: the shopper must see each once.
/// </summary>
public sealed class RetriedTurnReplyTests
{
    [Fact]
    public async Task ARetriedTurnStoresEachReplyOnceWhileEveryReplyOfEveryTurnIsStored()
    {
        using var redis = RedisServer.Start();
        using var mux = redis.Connect();
        var store = new DirectLineConversationStore(mux, Options.Create(new DirectLineOptions()), TimeProvider.System);
        var connector = new EmbeddedDirectLineConnector(store, Options.Create(new DirectLineOptions()), TimeProvider.System);
        var conversationId = DirectLineConversationStore.NewConversationId();
        Activity Incoming() => new()
        {
            Type = ActivityTypes.Message, Text = "几天能到", ChannelId = EmbeddedDirectLineConnector.ChannelId,
            Conversation = new ConversationAccount { Id = conversationId },
            From = new ChannelAccount { Id = "shopper" }, Recipient = new ChannelAccount { Id = "bot" },
        };
        TurnContext Turn(Activity incoming) => new(incoming, connector, new TurnState("", new JsonObject(), null), new TurnState("", new JsonObject(), null));

        // The shopper's message is stored first (watermark 1), as the channel does; the first run stores its answer and
        // fails after it; the second run sends the same two lines.
        var first = (await store.AppendAsync(Incoming())).Activity;
        var answer = await Turn(first).SendAsync(new Activity { Text = "一般 2–4 天送到" }, CancellationToken.None);
        var rerun = Turn(first);
        var again = await rerun.SendAsync(new Activity { Text = "一般 2–4 天送到" }, CancellationToken.None);
        await rerun.SendAsync(new Activity { Text = "还有什么可以帮您？" }, CancellationToken.None);
        // The next message's reply is a reply of its own.
        var next = (await store.AppendAsync(Incoming())).Activity;
        var nextAnswer = await Turn(next).SendAsync(new Activity { Text = "一般 2–4 天送到" }, CancellationToken.None);

        Assert.Equal(answer.Id, again.Id);
        Assert.Equal(DirectLineConversationStore.ActivityId(conversationId, 5), nextAnswer.Id); // no watermark was used up by the rerun
        var stored = (await store.ReadAfterAsync(conversationId, 0)).Select(a => a.Activity.Text).ToList();
        Assert.Equal(["几天能到", "一般 2–4 天送到", "还有什么可以帮您？", "几天能到", "一般 2–4 天送到"], stored);
        // Each stored reply's idempotency record sits beside it in the activities' set (and expires and is trimmed with it).
        var members = await mux.GetDatabase().SortedSetRangeByRankWithScoresAsync(DirectLineKeys.Activities(conversationId));
        Assert.Equal([2, 3, 5], members.Where(m => !m.Element.ToString().StartsWith('{')).Select(m => (int)m.Score));
        Assert.True(await mux.GetDatabase().KeyTimeToLiveAsync(DirectLineKeys.Activities(conversationId)) > TimeSpan.Zero);
    }

    [Fact]
    public async Task AReplysIdempotencyRecordIsTrimmedWithItAndNoReaderSeesARecord()
    {
        using var redis = RedisServer.Start();
        using var mux = redis.Connect();
        var options = Options.Create(new DirectLineOptions { MaxActivitiesPerConversation = 10 });
        var store = new DirectLineConversationStore(mux, options, TimeProvider.System);
        var connector = new EmbeddedDirectLineConnector(store, options, TimeProvider.System);
        var conversationId = DirectLineConversationStore.NewConversationId();
        for (var i = 0; i < 8; i++)
        {
            var incoming = (await store.AppendAsync(new Activity
            {
                Type = ActivityTypes.Message, Text = "几天能到 " + i, ChannelId = EmbeddedDirectLineConnector.ChannelId,
                Conversation = new ConversationAccount { Id = conversationId },
                From = new ChannelAccount { Id = "shopper" }, Recipient = new ChannelAccount { Id = "bot" },
            })).Activity;
            await new TurnContext(incoming, connector, new TurnState("", new JsonObject(), null), new TurnState("", new JsonObject(), null))
                .SendAsync(new Activity { Text = "一般 2–4 天送到" }, CancellationToken.None);
        }

        // 16 activities, the newest 10 kept (7..16); the records of the replies kept (8, 10, … 16) stay, the others went.
        var members = await mux.GetDatabase().SortedSetRangeByRankWithScoresAsync(DirectLineKeys.Activities(conversationId));
        Assert.Equal(Enumerable.Range(7, 10), members.Where(m => m.Element.ToString().StartsWith('{')).Select(m => (int)m.Score));
        Assert.Equal([8, 10, 12, 14, 16], members.Where(m => !m.Element.ToString().StartsWith('{')).Select(m => (int)m.Score));
        Assert.Equal(Enumerable.Range(7, 10).Select(n => DirectLineConversationStore.ActivityId(conversationId, n)),
            (await store.ReadAfterAsync(conversationId, 0)).Select(a => a.Activity.Id));
    }
}
