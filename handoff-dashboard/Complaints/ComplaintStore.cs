using System.Text.Json;
using ChatSupport.HandoffDashboard.Redis;
using StackExchange.Redis;
using static ChatSupport.HandoffDashboard.Redis.RedisHashRecord;
using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.HandoffDashboard.Complaints;

/// <summary>Complaints in Redis: one hash each, an append-only history list, and an index by opening time.</summary>
public sealed class ComplaintStore(IConnectionMultiplexer redis)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string CreateScript = """
        redis.call('HSET', KEYS[1], unpack(ARGV, 3))
        redis.call('RPUSH', KEYS[2], ARGV[2])
        redis.call('ZADD', KEYS[3], ARGV[1], ARGV[4])
        local h = redis.call('HMGET', KEYS[1], 'category', 'state')
        redis.call('HINCRBY', KEYS[4], (h[1] or '') .. '\31' .. h[2], 1)
        return 1
        """;

    // Compare-and-set on the state: two people stepping the same complaint at once cannot both win.
    // ...and moves the complaint between cells of its opening day's classification counters (KEYS[3], named by the
    // caller from the opening time, which never changes: no key name is built in the script, all share {complaints}).
    private const string TransitionScript = """
        local before = redis.call('HMGET', KEYS[1], 'state', 'category')
        local cur = before[1]
        if not cur then return -1 end
        if cur ~= ARGV[1] then return 0 end
        redis.call('HSET', KEYS[1], unpack(ARGV, 3))
        redis.call('RPUSH', KEYS[2], ARGV[2])
        local after = redis.call('HMGET', KEYS[1], 'state', 'category')
        redis.call('HINCRBY', KEYS[3], (before[2] or '') .. '\31' .. cur, -1)
        redis.call('HINCRBY', KEYS[3], (after[2] or '') .. '\31' .. after[1], 1)
        return 1
        """;

    // KEYS: complaint, history, index, its opening day's classification counters. ARGV: id. Takes the complaint out of its counter cell.
    private const string DeleteScript = """
        local h = redis.call('HMGET', KEYS[1], 'category', 'state')
        if not h[2] then return 0 end
        redis.call('HINCRBY', KEYS[4], (h[1] or '') .. '\31' .. h[2], -1)
        redis.call('DEL', KEYS[1], KEYS[2])
        redis.call('ZREM', KEYS[3], ARGV[1])
        return 1
        """;

    /// <summary>Deletes the complaint, its history and its place in the index and counters. False when it was not there.</summary>
    public async Task<bool> DeleteAsync(Complaint complaint) =>
        (long)await redis.GetDatabase().ScriptEvaluateAsync(DeleteScript,
            [ComplaintKeys.Complaint(complaint.Id), ComplaintKeys.History(complaint.Id), ComplaintKeys.ByOpenedAt,
             ComplaintKeys.DailyClassification(DateOnly.FromDateTime(complaint.OpenedAt.UtcDateTime))], [complaint.Id]) == 1;

    public async Task<string> NextIdAsync(DateTimeOffset openedAt)
    {
        var seq = await redis.GetDatabase().StringIncrementAsync(ComplaintKeys.Sequence);
        return $"TS{openedAt.UtcDateTime:yyyyMMdd}-{seq:D4}";
    }

    public async Task CreateAsync(Complaint complaint, ComplaintHistoryEntry opened)
    {
        var fields = ToFields(complaint);
        // ARGV[4] must be the id (the ZADD member): ToFields starts with id.
        await redis.GetDatabase().ScriptEvaluateAsync(CreateScript,
            [ComplaintKeys.Complaint(complaint.Id), ComplaintKeys.History(complaint.Id), ComplaintKeys.ByOpenedAt,
             ComplaintKeys.DailyClassification(DateOnly.FromDateTime(complaint.OpenedAt.UtcDateTime))],
            [complaint.OpenedAt.ToUnixTimeMilliseconds(), JsonSerializer.Serialize(opened, Json), .. fields]);
    }

    /// <summary>Applies a checked step. False when the state changed meanwhile (someone else stepped first).</summary>
    public async Task<bool> TryTransitionAsync(string id, DateTimeOffset openedAt, string expectedState, IReadOnlyDictionary<string, string> newFields, ComplaintHistoryEntry entry)
    {
        var args = new List<RedisValue> { expectedState, JsonSerializer.Serialize(entry, Json) };
        foreach (var (k, v) in newFields)
        {
            args.Add(k);
            args.Add(v);
        }
        var result = (long)await redis.GetDatabase().ScriptEvaluateAsync(TransitionScript,
            [ComplaintKeys.Complaint(id), ComplaintKeys.History(id), ComplaintKeys.DailyClassification(DateOnly.FromDateTime(openedAt.UtcDateTime))], [.. args]);
        return result == 1;
    }

    public async Task<Complaint?> GetAsync(string id)
    {
        var entries = await redis.GetDatabase().HashGetAllAsync(ComplaintKeys.Complaint(id));
        return entries.Length == 0 ? null : FromFields(entries.ToDictionary(e => (string)e.Name!, e => (string)e.Value!));
    }

    public async Task<IReadOnlyList<ComplaintHistoryEntry>> HistoryAsync(string id)
    {
        var lines = await redis.GetDatabase().ListRangeAsync(ComplaintKeys.History(id));
        return lines.Select(l => JsonSerializer.Deserialize<ComplaintHistoryEntry>(l.ToString(), Json)!).ToList();
    }

    /// <summary>Complaints opened in [from, to), newest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<Complaint>> ListOpenedBetweenAsync(DateTimeOffset from, DateTimeOffset to, int limit)
    {
        var db = redis.GetDatabase();
        var ids = await db.SortedSetRangeByScoreAsync(ComplaintKeys.ByOpenedAt,
            from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds(), Exclude.Stop, Order.Descending, 0, limit);
        var batch = db.CreateBatch();
        var tasks = ids.Select(id => batch.HashGetAllAsync(ComplaintKeys.Complaint(id!))).ToList();
        batch.Execute();
        var list = new List<Complaint>(ids.Length);
        foreach (var t in tasks)
        {
            var entries = await t;
            if (entries.Length > 0) list.Add(FromFields(entries.ToDictionary(e => (string)e.Name!, e => (string)e.Value!)));
        }
        return list;
    }

    /// <summary>Counts of complaints opened on each of <paramref name="days"/> by (category, current state): one HGETALL a day.</summary>
    public async Task<IReadOnlyList<(string? Category, string State, long Count)>> ClassifyOpenedOnAsync(IEnumerable<DateOnly> days)
    {
        var batch = redis.GetDatabase().CreateBatch();
        var tasks = days.Select(d => batch.HashGetAllAsync(ComplaintKeys.DailyClassification(d))).ToList();
        batch.Execute();
        var list = new List<(string?, string, long)>();
        foreach (var t in tasks)
        {
            foreach (var e in await t)
            {
                var name = (string)e.Name!;
                var sep = name.IndexOf('\x1f');
                var count = (long)e.Value;
                if (sep < 0 || count == 0) continue;
                list.Add((sep == 0 ? null : name[..sep], name[(sep + 1)..], count));
            }
        }
        return list;
    }

    internal static HashFields ToFields(Complaint c) => new()
    {
        { "id", c.Id },
        { "state", c.State },
        { "category", c.Category },
        { "customerId", c.CustomerId },
        { "customerName", c.CustomerName },
        { "channel", c.Channel },
        { "orderNumber", c.OrderNumber },
        { "conversationId", c.ConversationId },
        { "summary", c.Summary },
        { "transcriptExcerpt", JsonSerializer.Serialize(c.TranscriptExcerpt, Json) },
        { "openedAt", Time(c.OpenedAt) },
        { "openedBy", c.OpenedBy },
        { "openedByName", c.OpenedByName },
        { "updatedAt", Time(c.UpdatedAt) },
    };

    private static Complaint FromFields(Dictionary<string, string> h)
    {
        string? S(string k) => Text(h, k);
        DateTimeOffset? T(string k) => TimeOf(h, k);
        return new Complaint
        {
            Id = h["id"],
            State = h["state"],
            Category = S("category"),
            CustomerId = S("customerId"),
            CustomerName = S("customerName"),
            Channel = S("channel"),
            OrderNumber = S("orderNumber"),
            ConversationId = S("conversationId"),
            Summary = S("summary"),
            TranscriptExcerpt = S("transcriptExcerpt") is { } x ? JsonSerializer.Deserialize<List<ExcerptLine>>(x, Json) ?? [] : [],
            OpenedAt = T("openedAt") ?? default,
            OpenedBy = h.GetValueOrDefault("openedBy") ?? "",
            OpenedByName = S("openedByName"),
            Validity = S("validity"),
            ValidityReply = S("validityReply"),
            Department = S("department"),
            Investigation = S("investigation"),
            Plan = S("plan"),
            ApprovedBy = S("approvedBy"),
            ApprovedByName = S("approvedByName"),
            ApprovedAt = T("approvedAt"),
            ApprovalNote = S("approvalNote"),
            CustomerConfirmation = S("customerConfirmation"),
            Compensation = S("compensation"),
            UpdatedAt = T("updatedAt") ?? default,
        };
    }
}
