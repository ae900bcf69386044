using System.Globalization;
using ChatSupport.Bot.DirectLine;
using ChatSupport.Bot.Protocol;
using ChatSupport.Bot.Redis;
using ChatSupport.HandoffContract;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatSupport.Bot.Handoff;

/// <summary>
/// Delivers the dashboard's events (agent joined / replied / typing, transfer, requeue, close) into
/// the shoppers' conversations, and tells waiting shoppers their new place in the queue.
/// One instance at a time holds the relay lease and reads the to-bot stream in order from a cursor
/// kept in Redis; if it dies, another takes over within seconds and resumes at the cursor. Each
/// event is handled in the conversation's own turn (turn lock, state), and a conversation remembers
/// the last stream id it handled, so an event replayed after a crash is not delivered twice.
/// </summary>
public sealed class HandoffRelay(
    IConnectionMultiplexer redis,
    HandoffStore store,
    BotAdapter adapter,
    EmbeddedDirectLineConnector embeddedConnector,
    HttpConnectorClient httpConnector,
    DirectLineConversationStore directLine,
    IOptions<HandoffOptions> options,
    TimeProvider clock,
    ILogger<HandoffRelay> logger) : BackgroundService
{
    /// <summary>Internal event kind: the relay announcing a new queue position (Text = position).</summary>
    public const string QueuePositionKind = "QueuePosition";

    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);
    private readonly string _instanceId = Environment.MachineName + ":" + Guid.NewGuid().ToString("N")[..8];
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private bool _isLeader;
    private DateTimeOffset _nextQueueAnnouncement;
    private DateTimeOffset _nextLeaseRenewal;

    private const string RenewScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
          return 1
        end
        if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
        return 0
        """;

    private const string ReadScript = """
        return redis.call('XRANGE', KEYS[1], '(' .. ARGV[1], '+', 'COUNT', ARGV[2])
        """;

    private const string LastIdScript = """
        local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
        if #last == 0 then return '0-0' end
        return last[1][1]
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var subscriber = redis.GetSubscriber();
        await subscriber.SubscribeAsync(RedisChannel.Literal(HandoffKeys.ToBotWakeUpChannel), (_, _) => _wake.Release());
        await subscriber.SubscribeAsync(RedisChannel.Literal(HandoffKeys.TypingChannel), (channel, message) => { _ = ForwardAgentTypingAsync(message.ToString()); });

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (clock.GetUtcNow() >= _nextLeaseRenewal)
                {
                    var wasLeader = _isLeader;
                    _isLeader = (int)await redis.GetDatabase().ScriptEvaluateAsync(RenewScript, [BotKeys.HandoffRelayLeader],
                        [_instanceId, (long)Lease.TotalMilliseconds]) == 1;
                    _nextLeaseRenewal = clock.GetUtcNow().AddSeconds(3);
                    if (_isLeader && !wasLeader) HandoffLog.BecameRelayLeader(logger);
                }
                if (_isLeader)
                {
                    while (await RelayBatchAsync(stoppingToken) > 0) { }
                    if (clock.GetUtcNow() >= _nextQueueAnnouncement)
                    {
                        _nextQueueAnnouncement = clock.GetUtcNow().AddSeconds(options.Value.QueueUpdateSeconds);
                        await AnnounceQueuePositionsAsync(stoppingToken);
                    }
                }
                await _wake.WaitAsync(TimeSpan.FromMilliseconds(_isLeader ? 500 : 3000), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // Redis away or a bad event: log, wait a little, carry on; the cursor keeps our place.
                HandoffLog.RelayLoopError(logger, ex);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task<int> RelayBatchAsync(CancellationToken ct)
    {
        var db = redis.GetDatabase();
        var cursor = (string?)await db.StringGetAsync(BotKeys.HandoffRelayCursor);
        if (cursor is null)
        {
            // First start on this Redis: begin at the stream's end; nothing before us was meant for us.
            cursor = (string)(await db.ScriptEvaluateAsync(LastIdScript, [HandoffKeys.ToBotStream]))!;
            await db.StringSetAsync(BotKeys.HandoffRelayCursor, cursor);
        }
        var entries = (RedisResult[])(await db.ScriptEvaluateAsync(ReadScript, [HandoffKeys.ToBotStream], [cursor, 100]))!;
        foreach (var entry in entries)
        {
            var parts = (RedisResult[])entry!;
            var streamId = (string)parts[0]!;
            var fields = (RedisResult[])parts[1]!;
            string? json = null;
            for (var i = 0; i + 1 < fields.Length; i += 2)
                if ((string?)fields[i] == "event") json = (string?)fields[i + 1];
            HandoffEvent? evt = null;
            try
            {
                evt = json is null ? null : HandoffEvent.FromJson(json);
            }
            catch (System.Text.Json.JsonException ex)
            {
                HandoffLog.MalformedEvent(logger, ex, streamId);
            }
            if (evt is not null)
            {
                try
                {
                    await DeliverAsync(evt, streamId, ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    HandoffLog.RelayFailed(logger, ex, streamId, evt.ConversationId);
                }
            }
            await db.StringSetAsync(BotKeys.HandoffRelayCursor, streamId);
        }
        return entries.Length;
    }

    private async Task DeliverAsync(HandoffEvent evt, string? streamId, CancellationToken ct)
    {
        if (evt.Kind == HandoffEventKinds.AgentTyping) return; // transient; goes over the typing channel
        var reference = await store.FindReferenceAsync(evt.ConversationId);
        if (reference is null)
        {
            HandoffLog.NoReference(logger, evt.ConversationId, streamId ?? "-");
            return;
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
        IChannelConnector connector = reference.ChannelId == EmbeddedDirectLineConnector.ChannelId ? embeddedConnector : httpConnector;
        await adapter.ProcessAsync(activity, connector, ct);
    }

    private async Task AnnounceQueuePositionsAsync(CancellationToken ct)
    {
        var db = redis.GetDatabase();
        var queue = await store.QueueAsync();
        var announced = (await db.HashGetAllAsync(BotKeys.AnnouncedQueuePositions)).ToDictionary(e => e.Name.ToString(), e => (long)e.Value);
        for (var i = 0; i < queue.Count; i++)
        {
            var conversationId = queue[i];
            var position = i + 1L;
            if (announced.TryGetValue(conversationId, out var before) && position < before)
            {
                await DeliverAsync(new HandoffEvent
                {
                    Kind = QueuePositionKind,
                    ConversationId = conversationId,
                    At = clock.GetUtcNow(),
                    Text = position.ToString(CultureInfo.InvariantCulture),
                }, null, ct);
            }
            if (!announced.TryGetValue(conversationId, out var known) || known != position)
                await db.HashSetAsync(BotKeys.AnnouncedQueuePositions, conversationId, position);
        }
        var stale = announced.Keys.Except(queue).Select(k => (RedisValue)k).ToArray();
        if (stale.Length > 0) await db.HashDeleteAsync(BotKeys.AnnouncedQueuePositions, stale);
    }

    /// <summary>An agent typing shows as typing in the shopper's Web Chat (only the leader forwards, so it shows once).</summary>
    private async Task ForwardAgentTypingAsync(string json)
    {
        if (!_isLeader) return;
        try
        {
            var evt = HandoffEvent.FromJson(json);
            if (evt.Kind != HandoffEventKinds.AgentTyping) return;
            if (await directLine.FindAsync(evt.ConversationId) is null) return;
            await directLine.PublishTransientAsync(new Activity
            {
                Type = ActivityTypes.Typing,
                ChannelId = EmbeddedDirectLineConnector.ChannelId,
                Timestamp = clock.GetUtcNow(),
                Conversation = new ConversationAccount { Id = evt.ConversationId },
                From = new ChannelAccount { Id = "agent:" + evt.AgentId, Name = evt.AgentName, Role = "bot" },
            });
        }
        catch (Exception ex)
        {
            HandoffLog.RelayLoopError(logger, ex);
        }
    }
}
