using System.Globalization;
using System.Text.Json;
using ChatSupport.Bot.Protocol;
using ChatSupport.HandoffContract.Keys;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatSupport.Bot.DirectLine;

/// <summary>A Direct Line conversation as recorded in Redis.</summary>
public sealed record DirectLineConversation(string Id, string UserId, bool Started, DateTimeOffset CreatedAt);

/// <summary>One stored activity with its watermark.</summary>
public sealed record StoredActivity(long Watermark, Activity Activity);

/// <summary>
/// Direct Line conversations, activities and watermarks in Redis, so any instance can serve any
/// conversation. Activities live in a sorted set scored by watermark; appending is one Lua script that
/// takes the next watermark, writes the activity id into the JSON and publishes it ("conversationId
/// watermark json"), so two instances appending at once can never interleave ids and order, and the
/// instance holding the socket can push the activity without reading it back. Bounded: a conversation keeps its
/// newest DirectLine:MaxActivitiesPerConversation activities, and all its keys expire DirectLine:RetentionHours
/// after its last activity.
/// </summary>
public sealed class DirectLineConversationStore(IConnectionMultiplexer redis, IOptions<DirectLineOptions> options, TimeProvider clock)
{
    /// <summary>Placeholder for the watermark part of the id; the JSON serialiser writes <c>type</c> then <c>id</c> first, so the first match is the id.</summary>
    private const string SequencePlaceholder = "#SEQ#";

    /// <summary>
    /// A stored bot reply's idempotency record: a member of the activities' own sorted set, beside the reply and with its
    /// watermark as score, so it costs no command of its own and goes when the reply is trimmed. Activities are JSON
    /// objects ("{"), so a record can never be mistaken for one; readers leave records out.
    /// </summary>
    private const string ReplyRecordPrefix = "#stored-reply ";

    // ARGV[5] = '1': refuse (return 0) when the conversation record is gone, so a client's post needs no separate
    // existence check before it is stored. ARGV[6]: activities kept; older ones are dropped (watermarks are consecutive,
    // so the newest ARGV[6] are those scored above n - ARGV[6]). ARGV[7]: the reply's idempotency record ('' for none);
    // one already stored returns its watermark and stores nothing. It is only looked for when a watermark beyond ARGV[8]
    // was taken: a reply that gets the watermark a first run would give it (nothing stored since the message it answers
    // but the turn's earlier replies) cannot have been stored before. ARGV[9] = '1': the JSON already carries the activity's
    // id (a reply named at send time and stored with its turn's closing batch, see StoreNamedReplyAsync): nothing is substituted,
    // so a placeholder the text itself happens to contain stays as written.
    private const string AppendScript = """
        if ARGV[5] == '1' and redis.call('EXISTS', KEYS[3]) == 0 then return 0 end
        local n = redis.call('INCR', KEYS[1])
        if ARGV[7] ~= '' and n > tonumber(ARGV[8]) then
          local seen = redis.call('ZSCORE', KEYS[2], ARGV[7])
          if seen then
            redis.call('DECR', KEYS[1])
            return tonumber(seen)
          end
        end
        local json = ARGV[1]
        if ARGV[9] ~= '1' then json = (string.gsub(json, '#SEQ#', string.format('%07d', n), 1)) end
        if ARGV[7] ~= '' then
          redis.call('ZADD', KEYS[2], n, json, n, ARGV[7])
        else
          redis.call('ZADD', KEYS[2], n, json)
        end
        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', n - tonumber(ARGV[6]))
        redis.call('EXPIRE', KEYS[1], ARGV[2])
        redis.call('EXPIRE', KEYS[2], ARGV[2])
        redis.call('EXPIRE', KEYS[3], ARGV[2])
        redis.call('PUBLISH', ARGV[3], ARGV[4] .. ' ' .. n .. ' ' .. json)
        return n
        """;

    private int RetentionSeconds => options.Value.RetentionHours * 3600;

    public static string NewConversationId() =>
        Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', 'A').Replace('/', 'B') + "-cs";

    public static string ActivityId(string conversationId, long watermark) => $"{conversationId}|{watermark:D7}";

    /// <summary>
    /// Reserves a conversation (token generated, not started yet). Unstarted, it lasts only as long as its first token:
    /// a flood of token requests leaves nothing behind for days.
    /// </summary>
    public async Task CreateAsync(string conversationId, string userId, bool started)
    {
        var key = DirectLineKeys.Conversation(conversationId);
        var db = redis.GetDatabase();
        await db.HashSetAsync(key,
        [
            new HashEntry("userId", userId),
            new HashEntry("createdAt", clock.GetUtcNow().ToString("O")),
            new HashEntry("started", started ? 1 : 0),
        ]);
        await db.KeyExpireAsync(key, TimeSpan.FromSeconds(started ? RetentionSeconds : Math.Min(RetentionSeconds, options.Value.TokenLifetimeSeconds)));
    }

    /// <summary>Whether the conversation is one this embedded service minted (and still keeps), not e.g. one of Azure's Direct Line.</summary>
    public Task<bool> OwnsAsync(string conversationId) => redis.GetDatabase().KeyExistsAsync(DirectLineKeys.Conversation(conversationId));

    public async Task<DirectLineConversation?> FindAsync(string conversationId)
    {
        var values = await redis.GetDatabase().HashGetAsync(DirectLineKeys.Conversation(conversationId), ["userId", "started", "createdAt"]);
        if (values[0].IsNull) return null;
        // A record without a readable creation time is treated as created at the epoch: its tokens can no longer be renewed.
        var createdAt = DateTimeOffset.TryParse(values[2].ToString(), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.RoundtripKind, out var parsed) ? parsed : DateTimeOffset.UnixEpoch;
        return new DirectLineConversation(conversationId, values[0]!, values[1] == 1, createdAt);
    }

    /// <summary>Marks the conversation started (and kept for the full retention from now); false when it already was (so only one caller greets).</summary>
    public async Task<bool> TryStartAsync(string conversationId)
    {
        var previous = await redis.GetDatabase().ScriptEvaluateAsync(
            "local p = redis.call('HGET', KEYS[1], 'started'); redis.call('HSET', KEYS[1], 'started', 1); redis.call('EXPIRE', KEYS[1], ARGV[1]); return p",
            [DirectLineKeys.Conversation(conversationId)], [RetentionSeconds]);
        return previous.ToString() != "1";
    }

    /// <summary>Stores an activity, assigning its id (<c>conversationId|0000007</c>) and watermark; announces it on pub/sub.</summary>
    public async Task<StoredActivity> AppendAsync(Activity activity) =>
        await AppendCoreAsync(redis.GetDatabase(), activity, requireConversation: false, named: false)
        ?? throw new InvalidOperationException("append without the existence check cannot be refused");

    /// <summary>
    /// As <see cref="AppendAsync"/>, but only while the conversation record exists (checked in the same
    /// script); null when it does not, and nothing is stored.
    /// </summary>
    public Task<StoredActivity?> AppendIfConversationExistsAsync(Activity activity) =>
        AppendCoreAsync(redis.GetDatabase(), activity, requireConversation: true, named: false);

    /// <summary>
    /// As <see cref="AppendIfConversationExistsAsync(Activity)"/>, queued on <paramref name="batch"/> before anything is awaited:
    /// a shopper's message rides with its turn's first round trip (the turn lease and the state reads), and is stored whether
    /// or not the lease is free.
    /// </summary>
    public Task<StoredActivity?> AppendIfConversationExistsAsync(IDatabaseAsync batch, Activity activity) =>
        AppendCoreAsync(batch, activity, requireConversation: true, named: false);

    /// <summary>
    /// The id a reply to a stored activity gets before it is stored, so it can ride with its turn's closing batch: its
    /// idempotency key (<c>conversationId|0000007#2</c>, the third reply to the activity at watermark 7), which a turn run
    /// again gives the same reply. Null for a reply of another shape (it is stored at once, named by its watermark).
    /// </summary>
    public static string? NameBeforeStoring(Activity reply) =>
        reply.IdempotencyKey is { } key && reply.Conversation?.Id is { } conversationId && FirstRunWatermark(conversationId, key) > 0 ? key : null;

    /// <summary>
    /// Queues the append of a reply named by <see cref="NameBeforeStoring"/> on <paramref name="batch"/> (the turn's closing
    /// batch): stored once, however often its turn runs, with the next watermark.
    /// </summary>
    public Task<StoredActivity?> StoreNamedReplyAsync(IDatabaseAsync batch, Activity reply) =>
        AppendCoreAsync(batch, reply, requireConversation: false, named: true);

    private async Task<StoredActivity?> AppendCoreAsync(IDatabaseAsync db, Activity activity, bool requireConversation, bool named)
    {
        var conversationId = activity.Conversation!.Id!;
        if (!named) activity.Id = ActivityId(conversationId, 0)[..^7] + SequencePlaceholder;
        // UTF-8 straight from the serialiser: the JSON is never held as a string on its way to Redis.
        var json = JsonSerializer.SerializeToUtf8Bytes(activity, ProtocolJson.Options);
        var result = await db.ScriptEvaluateAsync(AppendScript,
            [DirectLineKeys.Watermark(conversationId), DirectLineKeys.Activities(conversationId), DirectLineKeys.Conversation(conversationId)],
            [json, RetentionSeconds, DirectLineKeys.ActivityStoredChannel, conversationId, requireConversation ? "1" : "0",
             options.Value.MaxActivitiesPerConversation, activity.IdempotencyKey is { } key ? ReplyRecordPrefix + key : "",
             FirstRunWatermark(conversationId, activity.IdempotencyKey), named ? "1" : "0"]);
        var watermark = (long)result;
        if (watermark == 0)
        {
            activity.Id = null;
            return null;
        }
        if (!named) activity.Id = ActivityId(conversationId, watermark);
        return new StoredActivity(watermark, activity);
    }

    /// <summary>
    /// The highest watermark the reply keyed <paramref name="idempotencyKey"/> (<c>conversationId|0000007#2</c>: the third reply to
    /// the activity at watermark 7, see <see cref="TurnContext.SendAsync"/>) can get in the turn's first run: 7 + 1 + 2. Beyond
    /// it, it may have been stored by an earlier run. 0 (always look) for a key of another shape.
    /// </summary>
    private static long FirstRunWatermark(string conversationId, string? idempotencyKey)
    {
        if (idempotencyKey is null || !idempotencyKey.StartsWith(conversationId + "|", StringComparison.Ordinal)) return 0;
        var rest = idempotencyKey.AsSpan(conversationId.Length + 1);
        var hash = rest.IndexOf('#');
        return hash > 0 && long.TryParse(rest[..hash], NumberStyles.None, CultureInfo.InvariantCulture, out var answered)
            && long.TryParse(rest[(hash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var place)
            ? answered + 1 + place
            : 0;
    }

    /// <summary>
    /// The stored JSON of at most <paramref name="max"/> activities after <paramref name="afterWatermark"/>, in order, as written
    /// (nothing re-serialised). A reply's idempotency record shares the set with it, so up to twice as many members are read.
    /// </summary>
    public async Task<IReadOnlyList<(long Watermark, string Json)>> ReadJsonAfterAsync(string conversationId, long afterWatermark, int max = 500)
    {
        var entries = await redis.GetDatabase().SortedSetRangeByScoreWithScoresAsync(
            DirectLineKeys.Activities(conversationId), afterWatermark, double.PositiveInfinity, Exclude.Start, take: 2 * max);
        var result = new List<(long, string)>(Math.Min(entries.Length, max));
        foreach (var entry in entries)
        {
            var json = entry.Element.ToString();
            if (json.StartsWith(ReplyRecordPrefix, StringComparison.Ordinal)) continue;
            result.Add(((long)entry.Score, json));
            if (result.Count == max) break;
        }
        return result;
    }

    /// <summary>Activities after <paramref name="afterWatermark"/>, in order.</summary>
    public async Task<IReadOnlyList<StoredActivity>> ReadAfterAsync(string conversationId, long afterWatermark, int max = 500) =>
        (await ReadJsonAfterAsync(conversationId, afterWatermark, max))
        .Select(entry => new StoredActivity(entry.Watermark, JsonSerializer.Deserialize<Activity>(entry.Json, ProtocolJson.Options)!))
        .ToList();

    public async Task<long> LatestWatermarkAsync(string conversationId)
    {
        var value = await redis.GetDatabase().StringGetAsync(DirectLineKeys.Watermark(conversationId));
        return value.IsNull ? 0 : (long)value;
    }

    /// <summary>Announces a transient activity (typing) to whichever instance holds the conversation's socket.</summary>
    public Task PublishTransientAsync(Activity activity) =>
        redis.GetSubscriber().PublishAsync(RedisChannel.Literal(DirectLineKeys.TypingChannel),
            activity.Conversation!.Id + " " + ProtocolJson.Serialize(activity));
}
