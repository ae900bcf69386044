using System.Globalization;
using ChatSupport.Bot.Protocol;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffContract.Keys;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatSupport.Bot.Handoff;

/// <summary>
/// Delivers the dashboard's events (agent joined / replied / typing, transfer, requeue, close) into
/// the shoppers' conversations, and tells waiting shoppers their new place in the queue.
/// <para>
/// One instance at a time holds the relay lease (renewed every 3 s by its own loop, also while a batch runs;
/// a batch stops handing out work once the lease is lost) and reads the to-bot stream through the consumer
/// group <see cref="Group"/>. An entry is acknowledged only once its event was delivered, or moved to its
/// conversation's retry queue (<see cref="ConversationRetryQueue"/>, one Lua step with the XACK): the relay
/// never moves past an event it could not deliver. A new leader first reads the group's pending entries
/// (everything the previous leader read and did not finish; one stable consumer name, since only the leader
/// reads), then new ones.
/// </para>
/// <para>
/// Order per conversation, without holding up the others: a batch is split by conversation and the
/// conversations run in parallel, each in stream order. When one event cannot be delivered (turn lease held
/// by a dead instance, Redis hiccup, Connector error), it and every later event of that conversation go to the
/// conversation's retry queue, retried with back-off (0.5 s doubling to 15 s, never given up) until delivered,
/// while other conversations go on. Each event is handled in the conversation's own turn (turn lease, state);
/// a conversation remembers the last stream id it handled, and a Direct Line message carries the id of the
/// event it delivers, so an event replayed after a crash is not delivered twice.
/// </para>
/// </summary>
public sealed class HandoffRelay(
    IConnectionMultiplexer redis,
    HandoffQueue handoffQueue,
    ConversationReferences references,
    BotAdapter adapter,
    ChannelConnectors connectors,
    IOptions<HandoffOptions> options,
    TimeProvider clock,
    ILogger<HandoffRelay> logger) : BackgroundService
{
    /// <summary>Internal event kind: the relay announcing a new queue position (Text = position).</summary>
    public const string QueuePositionKind = "QueuePosition";

    /// <summary>The bot's consumer group on the to-bot stream.</summary>
    public const string Group = HandoffContract.Keys.StreamKeys.BotRelayGroup;

    /// <summary>One consumer name for whichever instance leads, so a new leader reads the old one's pending entries as its own.</summary>
    private const string Consumer = "leader";

    private const int BatchSize = 100;
    private const int Parallelism = 16;
    private static readonly TimeSpan RelayLockWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LeaseRenewal = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan RetryBase = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan RetryCap = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan RetryClaim = TimeSpan.FromSeconds(30);

    private readonly string _instanceId = Environment.MachineName + ":" + Guid.NewGuid().ToString("N")[..8];
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private readonly ConversationRetryQueue _retries = new(redis, "relay");
    private volatile bool _isLeader;
    private bool _groupReady;
    private DateTimeOffset _nextQueueAnnouncement;

    private const string RenewScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
          return 1
        end
        if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
        return 0
        """;

    /// <summary>Events the relay could not deliver yet, per conversation (for tests and health).</summary>
    public ConversationRetryQueue Retries => _retries;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var subscriber = redis.GetSubscriber();
        await subscriber.SubscribeAsync(RedisChannel.Literal(HandoffKeys.ToBotWakeUpChannel), (_, _) => _wake.Release());
        await subscriber.SubscribeAsync(RedisChannel.Literal(HandoffKeys.TypingChannel), (channel, message) => { _ = ForwardAgentTypingAsync(message.ToString()); });

        var renewing = KeepLeaseAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (_isLeader)
                {
                    while (_isLeader && await RelayBatchAsync(stoppingToken) > 0) { }
                    if (_isLeader) await RetryParkedAsync(stoppingToken);
                    if (_isLeader && clock.GetUtcNow() >= _nextQueueAnnouncement)
                    {
                        _nextQueueAnnouncement = clock.GetUtcNow().AddSeconds(options.Value.QueueUpdateSeconds);
                        await AnnounceQueuePositionsAsync(stoppingToken);
                    }
                }
                await _wake.WaitAsync(TimeSpan.FromMilliseconds(_isLeader ? 250 : 1000), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // Redis away or a bad event: log, wait a little, carry on; unacknowledged entries stay pending.
                if (ex is RedisServerException { Message: var m } && m.StartsWith("NOGROUP", StringComparison.Ordinal)) _groupReady = false;
                HandoffLog.RelayLoopError(logger, ex);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        await renewing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Renews (or takes) the relay lease every few seconds, independently of how long a batch runs.</summary>
    private async Task KeepLeaseAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var wasLeader = _isLeader;
                _isLeader = (int)await redis.GetDatabase().ScriptEvaluateAsync(RenewScript, [BotStateKeys.HandoffRelayLeader],
                    [_instanceId, (long)Lease.TotalMilliseconds]) == 1;
                if (_isLeader && !wasLeader)
                {
                    HandoffLog.BecameRelayLeader(logger);
                    _wake.Release();
                }
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // Cannot tell: stop handing out work; the lease lapses on its own if Redis stays away.
                _isLeader = false;
                HandoffLog.RelayLoopError(logger, ex);
            }
            await Task.Delay(LeaseRenewal, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// Creates the group once per Redis: at the old cursor when an older bot left one (nothing it had not
    /// relayed is skipped), else at the stream's end (nothing before us was meant for us).
    /// </summary>
    private async Task EnsureGroupAsync(IDatabase db)
    {
        if (_groupReady) return;
        var cursor = (string?)await db.StringGetAsync(BotStateKeys.HandoffRelayCursor);
        await HandoffStreamReader.CreateGroupAsync(db, HandoffKeys.ToBotStream, Group, cursor ?? StreamPosition.NewMessages);
        _groupReady = true;
    }

    private async Task<int> RelayBatchAsync(CancellationToken ct)
    {
        var db = redis.GetDatabase();
        await EnsureGroupAsync(db);
        // Pending first (what a previous leader, or this one before a fault, read and did not finish), then new.
        var entries = await HandoffStreamReader.ReadGroupAsync(db, HandoffKeys.ToBotStream, Group, Consumer, "0-0", BatchSize);
        if (entries.Count == 0) entries = await HandoffStreamReader.ReadGroupAsync(db, HandoffKeys.ToBotStream, Group, Consumer, StreamPosition.NewMessages, BatchSize);
        if (entries.Count == 0) return 0;

        var byConversation = new Dictionary<string, List<(string Id, HandoffEvent Event)>>();
        foreach (var entry in entries)
        {
            var streamId = entry.Id;
            var evt = entry.Event;
            if (evt is null && entry.Error is not null) HandoffLog.MalformedEvent(logger, new System.Text.Json.JsonException(entry.Error), streamId);
            if (evt is null)
            {
                // Nothing to deliver, ever: acknowledged so it does not come back.
                await db.StreamAcknowledgeAsync(HandoffKeys.ToBotStream, Group, streamId);
                continue;
            }
            if (!byConversation.TryGetValue(evt.ConversationId, out var list)) byConversation[evt.ConversationId] = list = [];
            list.Add((streamId, evt));
        }

        await Parallel.ForEachAsync(byConversation, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct },
            async (pair, token) =>
            {
                var (conversationId, events) = (pair.Key, pair.Value);
                var parked = await _retries.BacklogAsync(conversationId) > 0;
                foreach (var (streamId, evt) in events)
                {
                    if (!_isLeader) return; // lease lost mid-batch: the rest stays pending for the next leader
                    var ack = (HandoffKeys.ToBotStream, Group, streamId);
                    if (parked)
                    {
                        await _retries.EnqueueAsync(conversationId, ParkedEvent.Format(streamId, evt), clock.GetUtcNow(), ack);
                        continue;
                    }
                    if (await TryDeliverAsync(evt, streamId, token))
                    {
                        await db.StreamAcknowledgeAsync(HandoffKeys.ToBotStream, Group, streamId);
                        continue;
                    }
                    await _retries.EnqueueAsync(conversationId, ParkedEvent.Format(streamId, evt), clock.GetUtcNow() + RetryBase, ack);
                    parked = true;
                }
            });
        return entries.Count;
    }

    /// <summary>Retries the conversations whose parked head is due, each in order until one fails again.</summary>
    private async Task RetryParkedAsync(CancellationToken ct)
    {
        var due = await _retries.ClaimDueAsync(clock.GetUtcNow(), RetryClaim, 64);
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct },
            async (conversationId, token) =>
            {
                while (_isLeader)
                {
                    var head = await _retries.PeekAsync(conversationId);
                    if (head is null)
                    {
                        await _retries.CompleteAsync(conversationId, "", clock.GetUtcNow());
                        return;
                    }
                    var (streamId, evt) = ParkedEvent.Parse(head);
                    if (!await TryDeliverAsync(evt, streamId, token))
                    {
                        await _retries.RetryLaterAsync(conversationId, clock.GetUtcNow(), RetryBase, RetryCap);
                        return;
                    }
                    HandoffLog.RelayRetried(logger, streamId, conversationId);
                    await _retries.CompleteAsync(conversationId, head, clock.GetUtcNow());
                }
            });
    }

    /// <summary>True when the event was delivered (or can never be: no such conversation); false to retry it later.</summary>
    /// <param name="streamId">Null for the relay's own announcements (queue positions), which are best effort.</param>
    private async Task<bool> TryDeliverAsync(HandoffEvent evt, string? streamId, CancellationToken ct)
    {
        try
        {
            var turn = await DeliverAsync(evt, streamId, ct);
            if (turn?.Failure is { } failure)
            {
                HandoffLog.RelayFailed(logger, failure, streamId ?? "-", evt.ConversationId);
                return false;
            }
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            HandoffLog.RelayFailed(logger, ex, streamId ?? "-", evt.ConversationId);
            return false;
        }
    }

    private async Task<TurnContext?> DeliverAsync(HandoffEvent evt, string? streamId, CancellationToken ct)
    {
        if (evt.Kind == HandoffEventKinds.AgentTyping) return null; // transient; goes over the typing channel
        var reference = await references.FindAsync(evt.ConversationId);
        if (reference is null)
        {
            HandoffLog.NoReference(logger, evt.ConversationId, streamId ?? "-");
            return null;
        }
        var activity = new Activity
        {
            Type = ActivityTypes.Event,
            Name = "chatsupport/" + evt.Kind,
            Id = streamId,
            ChannelId = reference.ChannelId,
            ServiceUrl = reference.ServiceUrl,
            Conversation = reference.Conversation,
            From = reference.User,
            Recipient = reference.Bot,
            Locale = reference.Locale ?? "zh-CN",
            InternalPayload = new RelayedEvent(evt, streamId),
        };
        // A busy lease (a running turn, or a dead instance's until it lapses) parks the event for a retry instead of holding
        // the whole batch: the next batch, with other conversations' replies, must not wait behind this one.
        return await adapter.ContinueConversationAsync(activity, RelayLockWait, ct);
    }

    private async Task AnnounceQueuePositionsAsync(CancellationToken ct)
    {
        var db = redis.GetDatabase();
        var queue = await handoffQueue.QueueAsync();
        var announced = (await db.HashGetAllAsync(QueueKeys.AnnouncedPositions)).ToDictionary(e => e.Name.ToString(), e => (long)e.Value);
        for (var i = 0; i < queue.Count; i++)
        {
            var conversationId = queue[i];
            var position = i + 1L;
            if (announced.TryGetValue(conversationId, out var before) && position < before)
            {
                await TryDeliverAsync(new HandoffEvent
                {
                    Kind = QueuePositionKind,
                    ConversationId = conversationId,
                    At = clock.GetUtcNow(),
                    Text = position.ToString(CultureInfo.InvariantCulture),
                }, streamId: null, ct);
            }
            if (!announced.TryGetValue(conversationId, out var known) || known != position)
                await db.HashSetAsync(QueueKeys.AnnouncedPositions, conversationId, position);
        }
        var stale = announced.Keys.Except(queue).Select(k => (RedisValue)k).ToArray();
        if (stale.Length > 0) await db.HashDeleteAsync(QueueKeys.AnnouncedPositions, stale);
    }

    /// <summary>An agent typing shows as typing in the shopper's Web Chat (only the leader forwards, so it shows once).</summary>
    private async Task ForwardAgentTypingAsync(string json)
    {
        if (!_isLeader) return;
        try
        {
            var evt = HandoffEvent.FromJson(json);
            if (evt.Kind != HandoffEventKinds.AgentTyping) return;
            await connectors.ShowTypingAsync(evt.ConversationId, new ChannelAccount { Id = "agent:" + evt.AgentId, Name = evt.AgentName, Role = "bot" }, clock.GetUtcNow());
        }
        catch (Exception ex)
        {
            HandoffLog.RelayLoopError(logger, ex);
        }
    }
}

/// <summary>A to-bot stream entry as parked in a conversation's retry queue: "streamId" + newline + event JSON.</summary>
internal static class ParkedEvent
{
    public static string Format(string streamId, HandoffEvent evt) => streamId + "\n" + evt.ToJson();

    public static (string StreamId, HandoffEvent Event) Parse(string payload)
    {
        var newline = payload.IndexOf('\n');
        return (payload[..newline], HandoffEvent.FromJson(payload[(newline + 1)..]));
    }
}
