using ChatSupport.Bot.DirectLine;
using ChatSupport.Bot.Handoff;
using ChatSupport.Bot.Protocol;
using ChatSupport.Bot.Tests.Handoff;
using ChatSupport.Bot.Tests.Support;
using ChatSupport.HandoffContract.Keys;
using ChatSupport.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSupport.Bot.Tests.DirectLine;

/// <summary>
/// The shopper's message is stored in the turn's first round trip and the replies with its last: neither may be lost when
/// the lease is busy or the turn fails between the two.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class StoredBeforeTheTurnTests
{
    private static readonly HttpRequest Request = new DefaultHttpContext { Request = { Scheme = "http", Host = new HostString("127.0.0.1") } }.Request;

    private static Activity Question() => new() { Type = ActivityTypes.Message, Text = "几天能到", From = new ChannelAccount { Name = "顾客" } };

    /// <summary>Answers like the bot, then fails its first run: what it sent before failing is already the shopper's.</summary>
    private sealed class AnswersThenFailsOnce : ActivityHandler
    {
        private int _runs;

        public override async Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
        {
            if (!turn.Activity.IsType(ActivityTypes.Message)) return;
            await turn.SendTextAsync("江浙沪 1–2 天送达。", cancellationToken);
            if (Interlocked.Increment(ref _runs) == 1) throw new InvalidOperationException("the first run fails after its answer");
        }
    }

    [Fact]
    public async Task AMessageIsStoredWhileAnotherTurnHoldsTheLeaseAndAnsweredOnceItIsFree()
    {
        using var redis = RedisServer.Start();
        await using var bot = await BotHost.StartAsync(redis);
        using var mux = redis.Connect();
        var store = bot.Service<DirectLineConversationStore>();
        var conversationId = DirectLineConversationStore.NewConversationId();
        await store.CreateAsync(conversationId, "dl_shopper", started: true);
        await mux.GetDatabase().StringSetAsync(BotStateKeys.TurnLock(conversationId), "another-turn", TimeSpan.FromSeconds(3));

        var posting = bot.Service<DirectLineChannel>().ReceiveFromClientAsync(Question(), conversationId, "dl_shopper", Request, CancellationToken.None);
        await Eventually.TrueAsync(async () => (await store.ReadAfterAsync(conversationId, 0)).Count == 1, TimeSpan.FromSeconds(2),
            "the message is stored while the lease is still held");
        Assert.False(posting.IsCompleted);
        Assert.True(await mux.GetDatabase().KeyExistsAsync(BotStateKeys.TurnLock(conversationId)), "the other turn still holds the lease");

        var posted = await posting;
        var stored = await store.ReadAfterAsync(conversationId, 0);
        Assert.Equal(["几天能到", "江浙沪 1–2 天送达。"], stored.Select(a => a.Activity.Text));
        Assert.Equal(posted.ActivityId, stored[0].Activity.Id);
    }

    [Fact]
    public async Task AFailedTurnKeepsTheMessageAndWhatItSentAndItsRetryStoresNothingTwice()
    {
        using var redis = RedisServer.Start();
        await using var bot = await BotHost.StartAsync(redis, clock: null, configure: null, scriptedRouter: true,
            "--DeferredTurns:BaseDelayMilliseconds=100");
        var services = bot.App.Services;
        var adapter = ActivatorUtilities.CreateInstance<BotAdapter>(services, new AnswersThenFailsOnce());
        var channel = ActivatorUtilities.CreateInstance<DirectLineChannel>(services, adapter);
        var store = bot.Service<DirectLineConversationStore>();
        var conversationId = DirectLineConversationStore.NewConversationId();
        await store.CreateAsync(conversationId, "dl_shopper", started: true);

        var posted = await channel.ReceiveFromClientAsync(Question(), conversationId, "dl_shopper", Request, CancellationToken.None);

        Assert.False(posted.BotFailed);
        var stored = await store.ReadAfterAsync(conversationId, 0);
        Assert.Equal(["几天能到", "江浙沪 1–2 天送达。"], stored.Select(a => a.Activity.Text));
        Assert.Equal(posted.ActivityId, stored[0].Activity.Id);
        Assert.Equal(posted.ActivityId + "#0", stored[1].Activity.Id);
        // The failed run wrote no transcript; the retry (the bot's own, from the deferred queue) gives the same answer the same
        // name, so it is neither stored again nor missing from the transcript.
        var deferred = bot.Service<DeferredTurns>();
        await Eventually.TrueAsync(async () => await deferred.Queue.BacklogAsync(conversationId) == 0
            && (await bot.Service<TranscriptLines>().ReadAsync(conversationId)).Count == 2, TimeSpan.FromSeconds(15), "the retry ran");
        Assert.Equal(["几天能到", "江浙沪 1–2 天送达。"], (await store.ReadAfterAsync(conversationId, 0)).Select(a => a.Activity.Text));
        Assert.Equal([posted.ActivityId!, posted.ActivityId + "#0"],
            (await bot.Service<TranscriptLines>().ReadAsync(conversationId)).Select(t => t.ActivityId));
    }
}
