using ChatSupport.Bot.Handoff;
using ChatSupport.Bot.Protocol;
using ChatSupport.Bot.Tests.Support;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffContract.Keys;
using ChatSupport.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace ChatSupport.Bot.Tests.Protocol;

/// <summary>
/// The Redis round trips of one answered FAQ turn, pinned: the turn lock with the state and status reads (one batch),
/// then, after the reply, the transcript lines, the daily counter, the state save and the lease release (one batch).
/// Anything that adds a round trip to the commonest turn fails here.
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
}
