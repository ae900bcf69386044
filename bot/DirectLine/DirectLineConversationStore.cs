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

    // ARGV[5] = '1': refuse (return 0) when the conversation record is gone, so a client's post needs
    // no separate existence check before it is stored. ARGV[6]: activities kept; older ones are dropped. ARGV[7]: the
    // activity's idempotency key ('' for none): one already stored under it returns its watermark and stores nothing.
    private const string AppendScript = """
        if ARGV[5] == '1' and redis.call('EXISTS', KEYS[3]) == 0 then return 0 end
        if ARGV[7] ~= '' then
          local seen = redis.call('HGET', KEYS[4], ARGV[7])
          if seen then return tonumber(seen) end
        end
        local n = redis.call('INCR', KEYS[1])
        local json = string.gsub(ARGV[1], '#SEQ#', string.format('%07d', n), 1)
        redis.call('ZADD', KEYS[2], n, json)
        redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(tonumber(ARGV[6]) + 1))
        redis.call('EXPIRE', KEYS[1], ARGV[2])
        redis.call('EXPIRE', KEYS[2], ARGV[2])
        redis.call('EXPIRE', KEYS[3], ARGV[2])
        if ARGV[7] ~= '' then
          redis.call('HSET', KEYS[4], ARGV[7], n)
          redis.call('EXPIRE', KEYS[4], ARGV[2])
        end
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
        await AppendCoreAsync(activity, requireConversation: false)
        ?? throw new InvalidOperationException("append without the existence check cannot be refused");

    /// <summary>
    /// As <see cref="AppendAsync"/>, but only while the conversation record exists (checked in the same
    /// script); null when it does not, and nothing is stored.
    /// </summary>
    public Task<StoredActivity?> AppendIfConversationExistsAsync(Activity activity) =>
        AppendCoreAsync(activity, requireConversation: true);

    private async Task<StoredActivity?> AppendCoreAsync(Activity activity, bool requireConversation)
    {
        var conversationId = activity.Conversation!.Id!;
        activity.Id = ActivityId(conversationId, 0)[..^7] + SequencePlaceholder;
        // UTF-8 straight from the serialiser: the JSON is never held as a string on its way to Redis.
        var json = JsonSerializer.SerializeToUtf8Bytes(activity, ProtocolJson.Options);
        var result = await redis.GetDatabase().ScriptEvaluateAsync(AppendScript,
            [DirectLineKeys.Watermark(conversationId), DirectLineKeys.Activities(conversationId), DirectLineKeys.Conversation(conversationId),
             DirectLineKeys.StoredReplies(conversationId)],
            [json, RetentionSeconds, DirectLineKeys.ActivityStoredChannel, conversationId, requireConversation ? "1" : "0",
             options.Value.MaxActivitiesPerConversation, activity.IdempotencyKey ?? ""]);
        var watermark = (long)result;
        if (watermark == 0)
        {
            activity.Id = null;
            return null;
        }
        activity.Id = ActivityId(conversationId, watermark);
        return new StoredActivity(watermark, activity);
    }

    /// <summary>The stored JSON of the activities after <paramref name="afterWatermark"/>, in order, as written (nothing re-serialised).</summary>
    public async Task<IReadOnlyList<(long Watermark, string Json)>> ReadJsonAfterAsync(string conversationId, long afterWatermark, int max = 500)
    {
        var entries = await redis.GetDatabase().SortedSetRangeByScoreWithScoresAsync(
            DirectLineKeys.Activities(conversationId), afterWatermark, double.PositiveInfinity, Exclude.Start, take: max);
        var result = new List<(long, string)>(entries.Length);
        foreach (var entry in entries) result.Add(((long)entry.Score, entry.Element.ToString()));
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
