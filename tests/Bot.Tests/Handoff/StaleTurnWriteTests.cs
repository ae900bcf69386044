using System.Text.Json.Nodes;
using ChatSupport.Bot.Handoff;
using ChatSupport.Bot.Protocol;
using ChatSupport.Bot.Routing;
using ChatSupport.Bot.Tests.Support;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffContract.Keys;
using ChatSupport.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace ChatSupport.Bot.Tests.Handoff;

/// <summary>
/// A turn that outlives its lease (a long GC pause, a stalled instance) must not write after the turn that took the
/// conversation over: not the transcript, not the conversation reference, not a handoff event or a status change.
/// Each write checks the fencing token in the same Lua script, so the refusal is atomic; the refused message is
/// deferred and handled once, under a fresh lease.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class StaleTurnWriteTests
{
    /// <summary>The scripted router, but the first escalation waits until the test lets it go (the turn stalls mid-way, holding nothing).</summary>
    private sealed class StallingRouter : IMessageRouter
    {
        private readonly ScriptedRouter _inner = new();
        private int _stalled;
        public ManualResetEventSlim Entered { get; } = new();
        public ManualResetEventSlim Go { get; } = new();

        public RoutingDecision Route(string text, RoutingContext context)
        {
            if (text.Contains("人工") && Interlocked.Exchange(ref _stalled, 1) == 0)
            {
                Entered.Set();
                Go.Wait(TimeSpan.FromSeconds(30));
            }
            return _inner.Route(text, context);
        }

        public IReadOnlyList<RouteCandidate> QuickTopics(int count) => _inner.QuickTopics(count);
    }

    [Fact]
    public async Task ATurnWhoseLeaseWasTakenOverMidTurnWritesNothingAndItsMessageIsHandledOnceUnderTheNewLease()
    {
        using var redis = RedisServer.Start();
        var router = new StallingRouter();
        await using var bot = await BotHost.StartAsync(redis, clock: null,
            configure: b => b.Services.Replace(ServiceDescriptor.Singleton<IMessageRouter>(router)), scriptedRouter: false, BotHost.AlwaysOpen);
        using var mux = redis.Connect();
        var db = mux.GetDatabase();
        var dashboard = new DashboardRole(mux);
        await dashboard.AgentOnlineAsync("wang");
        await using var shopper = new DirectLineTestClient(bot.BaseAddress);
        await shopper.StartAsync(BotHost.Secret);
        await shopper.ConnectStreamAsync();
        await shopper.NextAsync(DirectLineTestClient.BotSays("欢迎"));
        var conversation = shopper.ConversationId;
        var lockKey = BotStateKeys.TurnLock(conversation);

        var posting = shopper.PostMessageAsync("我要人工客服");
        Assert.True(router.Entered.Wait(TimeSpan.FromSeconds(15)), "the turn reached the router");
        // Another instance takes the conversation over, as it may once the stalled holder's lease has lapsed: a new
        // lease with the next fencing token (what TurnLock's take script does), held for 3 s.
        await db.KeyDeleteAsync(lockKey);
        var newToken = await db.StringIncrementAsync(TurnLock.FenceKey(lockKey));
        await db.StringSetAsync(lockKey, newToken, TimeSpan.FromSeconds(3));
        router.Go.Set();
        await posting;

        // The stalled turn tried to save the reference, flush the transcript, escalate and announce: all refused, and its
        // message went to the deferred queue instead.
        var deferred = bot.Service<DeferredTurns>();
        await Eventually.TrueAsync(async () => await deferred.Queue.BacklogAsync(conversation) > 0, TimeSpan.FromSeconds(10), "the stalled turn's message was deferred");
        Assert.True(await db.KeyExistsAsync(lockKey), "checked while the new lease still holds");
        Assert.False(await db.KeyExistsAsync(BotStateKeys.ConversationReference(conversation)), "reference written by a stale turn");
        Assert.DoesNotContain(await dashboard.TranscriptAsync(conversation), t => t.Sender == TranscriptSenders.Customer); // the greeting's line is there
        Assert.DoesNotContain(await dashboard.EventsFromBotAsync(), e => e.Kind == HandoffEventKinds.EscalationRequested);
        Assert.NotEqual(nameof(ConversationStatus.WaitingForAgent), await dashboard.StatusAsync(conversation));
        Assert.Empty(await dashboard.QueueAsync());

        // Once the new lease ends, the message is handled again, properly and once.
        await shopper.NextAsync(DirectLineTestClient.BotSays("转接人工客服"), TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(async () => await deferred.Queue.BacklogAsync(conversation) == 0, TimeSpan.FromSeconds(10), "deferred turn done");
        Assert.Single(await dashboard.EventsFromBotAsync(), e => e.Kind == HandoffEventKinds.EscalationRequested);
        Assert.Equal(nameof(ConversationStatus.WaitingForAgent), await dashboard.StatusAsync(conversation));
        Assert.Equal([conversation], await dashboard.QueueAsync());
        Assert.True(await db.KeyExistsAsync(BotStateKeys.ConversationReference(conversation)));
        Assert.Single(await dashboard.TranscriptAsync(conversation), t => t.Sender == TranscriptSenders.Customer && t.Text == "我要人工客服");
    }

    [Fact]
    public async Task EveryFencedStoreWriteIsRefusedForAStaleTokenAndAcceptedForTheNewestOne()
    {
        using var redis = RedisServer.Start();
        await using var bot = await BotHost.StartAsync(redis, settings: BotHost.AlwaysOpen);
        using var mux = redis.Connect();
        var db = mux.GetDatabase();
        var store = bot.Service<HandoffQueue>();
        var transcript = bot.Service<TranscriptLines>();
        var references = bot.Service<ConversationReferences>();
        var events = bot.Service<ToDashboardEvents>();
        var dashboard = new DashboardRole(mux);
        const string conversation = "fenced-conv";
        var fenceKey = TurnLock.FenceKey(BotStateKeys.TurnLock(conversation));
        await db.StringSetAsync(fenceKey, 7);
        var stale = new TurnFence(fenceKey, 6);
        var current = new TurnFence(fenceKey, 7);
        var line = new TranscriptEntry(conversation + "|0000002", DateTimeOffset.UtcNow, TranscriptSenders.Customer, "顾客", "我的电话 13800000000");
        var reference = new ConversationReference
        {
            ChannelId = "directline", ServiceUrl = "http://127.0.0.1/", Conversation = new ConversationAccount { Id = conversation },
            User = new ChannelAccount { Id = "u" }, Bot = new ChannelAccount { Id = "bot" },
        };
        var evt = new HandoffEvent { Kind = HandoffEventKinds.CustomerReplied, ConversationId = conversation, Text = "在吗" };

        await Assert.ThrowsAsync<StaleTurnException>(() => transcript.AppendAsync(conversation, [line], stale));
        await Assert.ThrowsAsync<StaleTurnException>(() => references.SaveAsync(reference, stale));
        await Assert.ThrowsAsync<StaleTurnException>(() => events.PublishAsync(evt, stale));
        await Assert.ThrowsAsync<StaleTurnException>(() => store.EscalateAsync(conversation, "u", "顾客", HandoffReason.Human, "转人工", stale));
        Assert.Empty(await dashboard.TranscriptAsync(conversation));
        Assert.False(await db.KeyExistsAsync(BotStateKeys.ConversationReference(conversation)));
        Assert.Empty(await dashboard.EventsFromBotAsync());
        Assert.Null(await dashboard.StatusAsync(conversation));

        await transcript.AppendAsync(conversation, [line], current);
        await references.SaveAsync(reference, current);
        Assert.True(await store.EscalateAsync(conversation, "u", "顾客", HandoffReason.Human, "转人工", current));
        await Assert.ThrowsAsync<StaleTurnException>(() => store.LeaveQueueAsync(conversation, stale));
        Assert.Equal(nameof(ConversationStatus.WaitingForAgent), await dashboard.StatusAsync(conversation));
        Assert.True(await store.LeaveQueueAsync(conversation, current));
        await Assert.ThrowsAsync<StaleTurnException>(() => store.ResumeWithBotAsync(conversation, stale));
        Assert.Equal(nameof(ConversationStatus.Closed), await dashboard.StatusAsync(conversation));
        Assert.True(await store.ResumeWithBotAsync(conversation, current));
        Assert.Single(await dashboard.TranscriptAsync(conversation));
        Assert.True(await db.KeyExistsAsync(BotStateKeys.ConversationReference(conversation)));
    }
}
