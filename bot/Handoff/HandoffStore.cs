using System.Globalization;
using System.Text.Json;
using ChatSupport.Bot.Protocol;
using ChatSupport.Bot.Redis;
using ChatSupport.HandoffContract;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatSupport.Bot.Handoff;

/// <summary>
/// The bot's side of the handoff contract in Redis: conversation status, transcript, queue, the
/// to-dashboard stream, the bot's daily counters, and the conversation references that let the relay
/// reply outside a shopper's turn.
/// </summary>
public sealed class HandoffStore(IConnectionMultiplexer redis, IOptions<HandoffOptions> options, TimeProvider clock)
{
    private TimeSpan Retention => TimeSpan.FromDays(options.Value.TranscriptRetentionDays);

    private const string EscalateScript = """
        local status = redis.call('HGET', KEYS[1], 'status')
        if status == 'WaitingForAgent' or status == 'WithAgent' then return 0 end
        redis.call('HSET', KEYS[1], 'status', 'WaitingForAgent', 'customerId', ARGV[1], 'customerName', ARGV[2], 'reason', ARGV[3], 'escalatedAt', ARGV[4])
        redis.call('HDEL', KEYS[1], 'assignee', 'assigneeName', 'acceptedAt', 'closedAt')
        redis.call('HSETNX', KEYS[1], 'startedAt', ARGV[4])
        redis.call('EXPIRE', KEYS[1], ARGV[9])
        redis.call('ZADD', KEYS[2], ARGV[5], ARGV[10])
        redis.call('ZADD', KEYS[3], ARGV[6], ARGV[10])
        redis.call('EXPIRE', KEYS[3], ARGV[9])
        local id = redis.call('XADD', KEYS[4], 'MAXLEN', '~', 100000, '*', 'event', ARGV[7])
        redis.call('PUBLISH', ARGV[8], id)
        return 1
        """;

    private const string PublishScript = """
        local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', 100000, '*', 'event', ARGV[1])
        redis.call('PUBLISH', ARGV[2], id)
        return id
        """;

    public Task<ConversationStatus> GetStatusAsync(string conversationId) => GetStatusAsync(redis.GetDatabase(), conversationId);

    /// <summary>Reads through <paramref name="db"/>, e.g. the batch that takes the turn lock.</summary>
    public async Task<ConversationStatus> GetStatusAsync(IDatabaseAsync db, string conversationId)
    {
        var value = await db.HashGetAsync(HandoffKeys.Conversation(conversationId), ConversationFields.Status);
        return Enum.TryParse<ConversationStatus>(value.ToString(), out var status) ? status : ConversationStatus.WithBot;
    }

    public Task SetStatusAsync(string conversationId, ConversationStatus status) =>
        redis.GetDatabase().HashSetAsync(HandoffKeys.Conversation(conversationId), ConversationFields.Status, status.ToString());

    /// <summary>Queues the conversation and announces it; false when it already waits for or is with an agent.</summary>
    public async Task<bool> EscalateAsync(string conversationId, string customerId, string? customerName, HandoffReason reason, string? lastText)
    {
        var now = clock.GetUtcNow();
        var evt = new HandoffEvent
        {
            Kind = HandoffEventKinds.EscalationRequested,
            ConversationId = conversationId,
            At = now,
            CustomerId = customerId,
            CustomerName = customerName,
            Reason = reason.ToWireName(),
            Text = lastText,
        };
        var result = await redis.GetDatabase().ScriptEvaluateAsync(EscalateScript,
            [HandoffKeys.Conversation(conversationId), HandoffKeys.Queue, HandoffKeys.CustomerConversations(customerId), HandoffKeys.ToDashboardStream],
            [customerId, customerName ?? "", reason.ToWireName(), now.ToString("O", CultureInfo.InvariantCulture),
             QueueScore.For(reason, now), now.ToUnixTimeMilliseconds(), evt.ToJson(), HandoffKeys.ToDashboardWakeUpChannel,
             (long)Retention.TotalSeconds, conversationId]);
        return (int)result == 1;
    }

    /// <summary>Takes a waiting shopper out of the queue (they left) and gives the conversation back to the bot.</summary>
    public async Task<bool> LeaveQueueAsync(string conversationId)
    {
        var db = redis.GetDatabase();
        var removed = await db.SortedSetRemoveAsync(HandoffKeys.Queue, conversationId);
        await SetStatusAsync(conversationId, ConversationStatus.WithBot);
        await PublishAsync(new HandoffEvent { Kind = HandoffEventKinds.CustomerLeft, ConversationId = conversationId, At = clock.GetUtcNow() });
        return removed;
    }

    /// <summary>Appends a fact to the to-dashboard stream and wakes the dashboards.</summary>
    public async Task<string> PublishAsync(HandoffEvent evt)
    {
        var id = await redis.GetDatabase().ScriptEvaluateAsync(PublishScript, [HandoffKeys.ToDashboardStream],
            [evt.ToJson(), HandoffKeys.ToDashboardWakeUpChannel]);
        return id.ToString();
    }

    public Task PublishTypingAsync(string conversationId) =>
        redis.GetSubscriber().PublishAsync(RedisChannel.Literal(HandoffKeys.TypingChannel),
            new HandoffEvent { Kind = HandoffEventKinds.CustomerTyping, ConversationId = conversationId, At = clock.GetUtcNow() }.ToJson());

    /// <summary>1-based place in the queue, or null when not queued.</summary>
    public async Task<long?> QueuePositionAsync(string conversationId)
    {
        var rank = await redis.GetDatabase().SortedSetRankAsync(HandoffKeys.Queue, conversationId);
        return rank is null ? null : rank + 1;
    }

    public async Task<IReadOnlyList<string>> QueueAsync() =>
        (await redis.GetDatabase().SortedSetRangeByRankAsync(HandoffKeys.Queue)).Select(v => v.ToString()).ToList();

    public async Task<long> OnlineAgentCountAsync() => await redis.GetDatabase().SetLengthAsync(HandoffKeys.OnlineAgents);

    public Task AppendTranscriptAsync(string conversationId, IEnumerable<TranscriptEntry> entries)
    {
        var values = entries.Select(e => (RedisValue)e.ToJson()).ToArray();
        if (values.Length == 0) return Task.CompletedTask;
        var db = redis.GetDatabase();
        var key = HandoffKeys.Transcript(conversationId);
        var batch = db.CreateBatch();
        var push = batch.ListRightPushAsync(key, values);
        var expire = batch.KeyExpireAsync(key, Retention);
        batch.Execute();
        return Task.WhenAll(push, expire);
    }

    public async Task<IReadOnlyList<TranscriptEntry>> TranscriptAsync(string conversationId) =>
        (await redis.GetDatabase().ListRangeAsync(HandoffKeys.Transcript(conversationId))).Select(v => TranscriptEntryJson.FromJson(v.ToString())).ToList();

    /// <summary>Counts one occurrence in the bot's daily counters (fields listed on <see cref="HandoffKeys.BotDailyStats"/>).</summary>
    public Task CountAsync(params string[] fields)
    {
        var key = HandoffKeys.BotDailyStats(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var db = redis.GetDatabase();
        foreach (var field in fields) db.HashIncrement(key, field, 1, CommandFlags.FireAndForget);
        db.KeyExpire(key, TimeSpan.FromDays(400), CommandFlags.FireAndForget);
        return Task.CompletedTask;
    }

    public Task SaveReferenceAsync(ConversationReference reference) =>
        redis.GetDatabase().StringSetAsync(BotKeys.ConversationReference(ConversationKey.Of(reference)),
            JsonSerializer.Serialize(reference, ProtocolJson.Options), Retention);

    public async Task<ConversationReference?> FindReferenceAsync(string conversationId)
    {
        var json = await redis.GetDatabase().StringGetAsync(BotKeys.ConversationReference(conversationId));
        return json.IsNullOrEmpty ? null : JsonSerializer.Deserialize<ConversationReference>(json.ToString(), ProtocolJson.Options);
    }
}
