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
        Activity Incoming(string id) => new()
        {
            Type = ActivityTypes.Message, Id = id, Text = "几天能到", ChannelId = EmbeddedDirectLineConnector.ChannelId,
            Conversation = new ConversationAccount { Id = conversationId },
            From = new ChannelAccount { Id = "shopper" }, Recipient = new ChannelAccount { Id = "bot" },
        };
        TurnContext Turn(Activity incoming) => new(incoming, connector, new TurnState("", new JsonObject(), null), new TurnState("", new JsonObject(), null));

        // The first run stores its answer and fails after it; the second run sends the same two lines.
        var first = Incoming(DirectLineConversationStore.ActivityId(conversationId, 1));
        var answer = await Turn(first).SendAsync(new Activity { Text = "一般 2–4 天送到" }, CancellationToken.None);
        var rerun = Turn(first);
        var again = await rerun.SendAsync(new Activity { Text = "一般 2–4 天送到" }, CancellationToken.None);
        await rerun.SendAsync(new Activity { Text = "还有什么可以帮您？" }, CancellationToken.None);
        // The next message's reply is a reply of its own.
        await Turn(Incoming(DirectLineConversationStore.ActivityId(conversationId, 4))).SendAsync(new Activity { Text = "一般 2–4 天送到" }, CancellationToken.None);

        Assert.Equal(answer.Id, again.Id);
        var stored = (await store.ReadAfterAsync(conversationId, 0)).Select(a => a.Activity.Text).ToList();
        Assert.Equal(["一般 2–4 天送到", "还有什么可以帮您？", "一般 2–4 天送到"], stored);
        Assert.Equal(3, await mux.GetDatabase().HashLengthAsync(DirectLineKeys.StoredReplies(conversationId)));
        Assert.True(await mux.GetDatabase().KeyTimeToLiveAsync(DirectLineKeys.StoredReplies(conversationId)) > TimeSpan.Zero);
    }
}
