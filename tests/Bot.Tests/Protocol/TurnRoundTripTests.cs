using ChatSupport.Bot.DirectLine;
using ChatSupport.Bot.Handoff;
using ChatSupport.Bot.Protocol;
using ChatSupport.Bot.Tests.Support;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffContract.Keys;
using ChatSupport.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace ChatSupport.Bot.Tests.Protocol;

/// <summary>
/// The Redis round trips of one answered FAQ turn, pinned: the turn lock with the state and status reads (one batch),
/// then, after the reply, the transcript lines, the daily counter, the state save and the lease release (one batch).
/// On the embedded Direct Line the shopper's message rides with the first batch and the reply with the second, so
/// its turn is two round trips too. Anything that adds a round trip to the commonest turn fails here.
/// </summary>
public sealed class TurnRoundTripTests
{
    private sealed class RecordingConnector : IChannelConnector
    {
        public List<Activity> Sent { get; } = [];
        public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
        {
            lock (Sent) Sent.Add(activity);
            return Task.FromResult(new ResourceResponse("reply-" + Sent.Count));
        }
    }

    private static Activity FromShopper(string type, string id, string? text = null) => new()
    {
        Type = type, Id = id, Text = text, ChannelId = "emulator", ServiceUrl = "http://127.0.0.1:1/", Locale = "zh-CN",
        Conversation = new ConversationAccount { Id = "round-trips" },
        From = new ChannelAccount { Id = "shopper-1", Name = "顾客" },
        Recipient = new ChannelAccount { Id = "bot-1", Name = "bot" },
        MembersAdded = type == ActivityTypes.ConversationUpdate ? [new ChannelAccount { Id = "shopper-1" }] : null,
    };

    [Fact]
    public async Task AnAnsweredFaqTurnMakesTwoRedisRoundTripsAndWritesTranscriptStateAndCounterAndReleasesItsLease()
    {
        using var redis = RedisServer.Start();
        await using var bot = await BotHost.StartAsync(redis, clock: null, configure: b => b.Services.Replace(ServiceDescriptor.Singleton<IConnectionMultiplexer>(
            _ => CountingRedis.Wrap(ConnectionMultiplexer.Connect(RedisConnections.Options(redis.ConnectionString))))));
        var adapter = bot.Service<BotAdapter>();
        var connector = new RecordingConnector();
        await adapter.ProcessAsync(FromShopper(ActivityTypes.ConversationUpdate, "join"), connector, CancellationToken.None);
        Assert.Contains(connector.Sent, a => a.Text?.Contains("欢迎") == true);

        var counted = await Task.Run(async () =>
        {
            var c = CountingRedis.Measure();
            var turn = await adapter.ProcessAsync(FromShopper(ActivityTypes.Message, "question-1", "几天能到"), connector, CancellationToken.None);
            Assert.Null(turn.Failure);
            return c;
        });

        Assert.Equal("江浙沪 1–2 天送达。", connector.Sent[^1].Text);
        Assert.True(counted.RoundTrips == 2 && counted.FireAndForget == 0, $"round trips {counted.RoundTrips}, fire and forget {counted.FireAndForget}: {counted}");
        Assert.Equal(["batch", "batch"], counted.Calls);

        // What the closing batch carried really arrived.
        using var mux = redis.Connect();
        var db = mux.GetDatabase();
        var conversation = ConversationKey.For("emulator", "round-trips");
        var transcript = await bot.Service<TranscriptLines>().ReadAsync(conversation);
        Assert.Contains(transcript, t => t.Sender == TranscriptSenders.Customer && t.Text == "几天能到");
        Assert.Contains(transcript, t => t.Sender == TranscriptSenders.Bot && t.Text == "江浙沪 1–2 天送达。");
        Assert.Equal(1, (long)await db.HashGetAsync(HandoffKeys.BotDailyStats(DateOnly.FromDateTime(DateTime.UtcNow)), BotCounters.Answered));
        var state = await bot.Service<RedisBotStateStore>().LoadAsync(BotStateKeys.ConversationState(ConversationKey.For("emulator", "round-trips")));
        Assert.Equal("answer", state.Get<string>("lastRoute"));
        Assert.False(await db.KeyExistsAsync(BotStateKeys.TurnLock(conversation)), "the lease was released");

        // The counter counts a command sent on its own, too (so the two above are not all it can see).
        var probe = await Task.Run(async () =>
        {
            var c = CountingRedis.Measure();
            await bot.Service<TranscriptLines>().ReadAsync(conversation);
            return c;
        });
        Assert.Equal(1, probe.RoundTrips);

        // The next turn of the conversation starts at once (the lease is free) and sees the saved state.
        await adapter.ProcessAsync(FromShopper(ActivityTypes.Message, "question-2", "几天能到"), connector, CancellationToken.None);
        Assert.Equal(2, (long)await db.HashGetAsync(HandoffKeys.BotDailyStats(DateOnly.FromDateTime(DateTime.UtcNow)), BotCounters.Answered));
    }

    [Fact]
    public async Task AnAnsweredDirectLineTurnStoresTheMessageAndItsAnswerInTheSameTwoRoundTrips()
    {
        using var redis = RedisServer.Start();
        await using var bot = await BotHost.StartAsync(redis, clock: null, configure: b => b.Services.Replace(ServiceDescriptor.Singleton<IConnectionMultiplexer>(
            _ => CountingRedis.Wrap(ConnectionMultiplexer.Connect(RedisConnections.Options(redis.ConnectionString))))));
        var store = bot.Service<DirectLineConversationStore>();
        var conversationId = DirectLineConversationStore.NewConversationId();
        await store.CreateAsync(conversationId, "dl_shopper", started: true);
        var request = new DefaultHttpContext { Request = { Scheme = "http", Host = new HostString("127.0.0.1") } }.Request;
        Activity Question() => new() { Type = ActivityTypes.Message, Text = "几天能到", From = new ChannelAccount { Name = "顾客" } };

        var (result, counted) = await Task.Run(async () =>
        {
            var c = CountingRedis.Measure();
            var posted = await bot.Service<DirectLineChannel>().ReceiveFromClientAsync(Question(), conversationId, "dl_shopper", request, CancellationToken.None);
            return (posted, c);
        });

        Assert.False(result.BotFailed || result.UnknownConversation);
        Assert.True(counted.RoundTrips == 2 && counted.FireAndForget == 0, $"round trips {counted.RoundTrips}, fire and forget {counted.FireAndForget}: {counted}");
        Assert.Equal(["batch", "batch"], counted.Calls);

        // Both are stored, in order, under consecutive watermarks; the answer is named after the message it answers.
        var stored = await store.ReadAfterAsync(conversationId, 0);
        Assert.Equal([1L, 2L], stored.Select(a => a.Watermark));
        Assert.Equal(DirectLineConversationStore.ActivityId(conversationId, 1), result.ActivityId);
        Assert.Equal(result.ActivityId, stored[0].Activity.Id);
        Assert.Equal("江浙沪 1–2 天送达。", stored[1].Activity.Text);
        Assert.Equal(result.ActivityId, stored[1].Activity.ReplyToId);
        Assert.Equal(result.ActivityId + "#0", stored[1].Activity.Id);
        var transcript = await bot.Service<TranscriptLines>().ReadAsync(conversationId);
        Assert.Equal([result.ActivityId!, result.ActivityId + "#0"], transcript.Select(t => t.ActivityId));
        using var mux = redis.Connect();
        Assert.False(await mux.GetDatabase().KeyExistsAsync(BotStateKeys.TurnLock(conversationId)), "the lease was released");

        // The next message is stored behind the answer and answered in turn.
        var next = await bot.Service<DirectLineChannel>().ReceiveFromClientAsync(Question(), conversationId, "dl_shopper", request, CancellationToken.None);
        Assert.Equal(DirectLineConversationStore.ActivityId(conversationId, 3), next.ActivityId);
        Assert.Equal([3L, 4L], (await store.ReadAfterAsync(conversationId, 2)).Select(a => a.Watermark));
    }
}
