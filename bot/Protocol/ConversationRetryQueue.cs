using StackExchange.Redis;

namespace ChatSupport.Bot.Protocol;

/// <summary>
/// Per-conversation retry queues in Redis, for work that must not be lost and must keep its order within one
/// conversation without holding up the others: one list per conversation (oldest first) and one sorted set of
/// conversation ids scored by when their head is due next. Whoever works the queue claims due conversations
/// (the claim pushes the due time out by a lease, so a dead worker's claim lapses and the work is taken again),
/// tries the head, and either completes it (the next item is due at once) or schedules a retry with back-off.
/// While a conversation has anything queued, new work for it goes behind (<see cref="EnqueueAsync"/>), so order
/// holds. Used by the handoff relay (dashboard events it could not deliver yet) and by
/// <see cref="DeferredTurns"/> (shopper messages whose turn failed).
/// </summary>
public sealed class ConversationRetryQueue(IConnectionMultiplexer redis, string name)
{
    private static readonly TimeSpan ItemRetention = TimeSpan.FromDays(7);
    // One tag for the whole queue (the scripts touch the due set and a conversation's list together); the relay's
    // queue shares the to-bot stream's tag, so parking an event and acknowledging it stay one step on a cluster.
    private readonly HandoffContract.Keys.RetryQueueKeys _keys = HandoffContract.Keys.RetryQueueKeys.For(name);

    private string DueKey => _keys.Due;
    private string AttemptsKey => _keys.Attempts;
    public string ItemsKey(string conversationId) => _keys.Items(conversationId);

    // KEYS: due, items[, stream to XACK]. ARGV: conversation, payload, due ms, retention s[, group, entry id].
    // ZADD NX: a conversation already scheduled keeps its due time (its head decides).
    private const string EnqueueScript = """
        redis.call('RPUSH', KEYS[2], ARGV[2])
        redis.call('EXPIRE', KEYS[2], ARGV[4])
        redis.call('ZADD', KEYS[1], 'NX', ARGV[3], ARGV[1])
        if KEYS[3] then redis.call('XACK', KEYS[3], ARGV[5], ARGV[6]) end
        return redis.call('LLEN', KEYS[2])
        """;

    // KEYS: due. ARGV: now ms, claim lease ms, max.
    private const string ClaimScript = """
        local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
        for _, id in ipairs(ids) do redis.call('ZADD', KEYS[1], 'XX', ARGV[1] + ARGV[2], id) end
        return ids
        """;

    // KEYS: due, items, attempts. ARGV: conversation, payload of the head just finished, now ms.
    private const string CompleteScript = """
        if redis.call('LINDEX', KEYS[2], 0) == ARGV[2] then redis.call('LPOP', KEYS[2]) end
        redis.call('HDEL', KEYS[3], ARGV[1])
        local left = redis.call('LLEN', KEYS[2])
        if left == 0 then redis.call('ZREM', KEYS[1], ARGV[1]) else redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1]) end
        return left
        """;

    // KEYS: due, attempts. ARGV: conversation, base ms, cap ms, now ms. Returns the attempt count.
    private const string RetryLaterScript = """
        local n = redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
        local wait = math.min(tonumber(ARGV[3]), tonumber(ARGV[2]) * 2 ^ (n - 1))
        redis.call('ZADD', KEYS[1], ARGV[4] + wait, ARGV[1])
        return n
        """;

    /// <summary>Queues <paramref name="payload"/> behind whatever the conversation has queued; optionally acknowledges a stream entry in the same step.</summary>
    public async Task<long> EnqueueAsync(string conversationId, string payload, DateTimeOffset due, (string Stream, string Group, string EntryId)? ack = null)
    {
        RedisKey[] keys = ack is { } a ? [DueKey, ItemsKey(conversationId), a.Stream] : [DueKey, ItemsKey(conversationId)];
        RedisValue[] args = ack is { } b
            ? [conversationId, payload, due.ToUnixTimeMilliseconds(), (long)ItemRetention.TotalSeconds, b.Group, b.EntryId]
            : [conversationId, payload, due.ToUnixTimeMilliseconds(), (long)ItemRetention.TotalSeconds];
        return (long)await redis.GetDatabase().ScriptEvaluateAsync(EnqueueScript, keys, args);
    }

    /// <summary>Number of queued items of the conversation (0: nothing ahead of new work).</summary>
    public Task<long> BacklogAsync(IDatabaseAsync db, string conversationId) => db.ListLengthAsync(ItemsKey(conversationId));

    public Task<long> BacklogAsync(string conversationId) => BacklogAsync(redis.GetDatabase(), conversationId);

    /// <summary>Conversations whose head is due, claimed for <paramref name="lease"/>.</summary>
    public async Task<IReadOnlyList<string>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int max)
    {
        var ids = (RedisValue[]?)await redis.GetDatabase().ScriptEvaluateAsync(ClaimScript, [DueKey],
            [now.ToUnixTimeMilliseconds(), (long)lease.TotalMilliseconds, max]);
        return ids?.Select(v => v.ToString()).ToList() ?? [];
    }

    public async Task<string?> PeekAsync(string conversationId)
    {
        var head = await redis.GetDatabase().ListGetByIndexAsync(ItemsKey(conversationId), 0);
        return head.IsNull ? null : head.ToString();
    }

    /// <summary>The head is done (delivered, or given up): removes it; returns how many are left.</summary>
    public async Task<long> CompleteAsync(string conversationId, string payload, DateTimeOffset now) =>
        (long)await redis.GetDatabase().ScriptEvaluateAsync(CompleteScript, [DueKey, ItemsKey(conversationId), AttemptsKey],
            [conversationId, payload, now.ToUnixTimeMilliseconds()]);

    /// <summary>The head failed again: due after base × 2^(attempts−1), at most <paramref name="cap"/>; returns the attempts so far.</summary>
    public async Task<long> RetryLaterAsync(string conversationId, DateTimeOffset now, TimeSpan baseDelay, TimeSpan cap) =>
        (long)await redis.GetDatabase().ScriptEvaluateAsync(RetryLaterScript, [DueKey, AttemptsKey],
            [conversationId, (long)baseDelay.TotalMilliseconds, (long)cap.TotalMilliseconds, now.ToUnixTimeMilliseconds()]);

    /// <summary>Conversations with queued work (for tests and health checks).</summary>
    public async Task<long> ConversationCountAsync() => await redis.GetDatabase().SortedSetLengthAsync(DueKey);
}
