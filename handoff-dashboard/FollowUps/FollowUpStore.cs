using ChatSupport.HandoffDashboard.Reports;
using ChatSupport.HandoffDashboard.Redis;
using StackExchange.Redis;
using static ChatSupport.HandoffDashboard.Redis.RedisHashRecord;
using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.HandoffDashboard.FollowUps;

/// <summary>Follow-ups and cases in Redis: a hash each, indexed by due time while open and by creation time.</summary>
public sealed class FollowUpStore(IConnectionMultiplexer redis)
{
    // Creates only if absent, so a case made from a redelivered stream entry is made once.
    private const string CreateScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        redis.call('HSET', KEYS[1], unpack(ARGV, 4))
        redis.call('ZADD', KEYS[2], ARGV[1], ARGV[3])
        redis.call('ZADD', KEYS[3], ARGV[2], ARGV[3])
        return 1
        """;

    // open -> done once; counts the completion on its day, on time when done by the due time
    // (the due time is the item's score in the open index, read before it is removed).
    private const string CompleteScript = """
        local h = redis.call('HMGET', KEYS[1], 'status', 'kind', 'owner')
        if not h[1] then return -1 end
        if h[1] ~= 'open' then return 0 end
        local due = tonumber(redis.call('ZSCORE', KEYS[2], ARGV[1]) or '0')
        redis.call('HSET', KEYS[1], unpack(ARGV, 5))
        if not h[3] or h[3] == '' then redis.call('HSET', KEYS[1], 'owner', ARGV[2], 'ownerName', ARGV[3]) end
        redis.call('ZREM', KEYS[2], ARGV[1])
        redis.call('HINCRBY', KEYS[3], 'done', 1)
        local onTime = tonumber(ARGV[4]) <= due
        if onTime then redis.call('HINCRBY', KEYS[3], 'onTime', 1) end
        if h[2] == 'case' then
          redis.call('HINCRBY', KEYS[3], 'case:done', 1)
          if onTime then redis.call('HINCRBY', KEYS[3], 'case:onTime', 1) end
        end
        return 1
        """;

    private const string ClaimScript = """
        local h = redis.call('HMGET', KEYS[1], 'status', 'owner')
        if not h[1] then return -1 end
        if h[1] ~= 'open' then return 0 end
        if h[2] and h[2] ~= '' and h[2] ~= ARGV[1] then return 0 end
        redis.call('HSET', KEYS[1], 'owner', ARGV[1], 'ownerName', ARGV[2])
        return 1
        """;

    public async Task<string> NextIdAsync() =>
        $"HF{await redis.GetDatabase().StringIncrementAsync(FollowUpKeys.Sequence):D5}";

    /// <summary>False when an item with this id exists already.</summary>
    public async Task<bool> TryCreateAsync(FollowUp item)
    {
        var fields = ToFields(item);
        var created = (long)await redis.GetDatabase().ScriptEvaluateAsync(CreateScript,
            [FollowUpKeys.Item(item.Id), FollowUpKeys.OpenByDue, FollowUpKeys.ByCreated],
            [item.DueAt.ToUnixTimeMilliseconds(), item.CreatedAt.ToUnixTimeMilliseconds(), item.Id, .. fields]);
        return created == 1;
    }

    public enum CompleteOutcome { Done, NotFound, AlreadyDone }

    public async Task<CompleteOutcome> CompleteAsync(string id, string result, string? notes, string by, string byName, DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        var done = (long)await redis.GetDatabase().ScriptEvaluateAsync(CompleteScript,
            [FollowUpKeys.Item(id), FollowUpKeys.OpenByDue, FollowUpKeys.DailyStats(day)],
            [id, by, byName, at.ToUnixTimeMilliseconds(),
             "status", "done", "result", result, "resultNotes", notes ?? "", "doneAt", Time(at), "doneBy", by, "doneByName", byName]);
        return done switch
        {
            -1 => CompleteOutcome.NotFound,
            0 => CompleteOutcome.AlreadyDone,
            _ => CompleteOutcome.Done,
        };
    }

    /// <summary>True when the caller now owns the item (it was unowned or already theirs).</summary>
    public async Task<bool?> ClaimAsync(string id, string agentId, string agentName)
    {
        var r = (long)await redis.GetDatabase().ScriptEvaluateAsync(ClaimScript, [FollowUpKeys.Item(id)], [agentId, agentName]);
        return r == -1 ? null : r == 1;
    }

    public async Task<FollowUp?> GetAsync(string id, DateTimeOffset now)
    {
        var entries = await redis.GetDatabase().HashGetAllAsync(FollowUpKeys.Item(id));
        return entries.Length == 0 ? null : FromFields(entries.ToDictionary(e => (string)e.Name!, e => (string)e.Value!), now);
    }

    /// <summary>Open items, soonest due first; with <paramref name="dueBefore"/> only those due before it (overdue when it is now).</summary>
    public Task<IReadOnlyList<FollowUp>> OpenAsync(DateTimeOffset now, DateTimeOffset? dueBefore = null) =>
        ReadIndexAsync(FollowUpKeys.OpenByDue, double.NegativeInfinity,
            dueBefore is null ? double.PositiveInfinity : dueBefore.Value.ToUnixTimeMilliseconds(), Exclude.Stop, Order.Ascending, now);

    /// <summary>The items with these ids that exist, in the order given.</summary>
    public async Task<IReadOnlyList<FollowUp>> GetManyAsync(IEnumerable<string> ids, DateTimeOffset now)
    {
        var db = redis.GetDatabase();
        var batch = db.CreateBatch();
        var tasks = ids.Select(id => batch.HashGetAllAsync(FollowUpKeys.Item(id))).ToList();
        batch.Execute();
        var list = new List<FollowUp>(tasks.Count);
        foreach (var t in tasks)
        {
            var entries = await t;
            if (entries.Length > 0) list.Add(FromFields(entries.ToDictionary(e => (string)e.Name!, e => (string)e.Value!), now));
        }
        return list;
    }

    /// <summary>Items created in [from, to), newest first.</summary>
    public Task<IReadOnlyList<FollowUp>> CreatedBetweenAsync(DateTimeOffset from, DateTimeOffset to, DateTimeOffset now) =>
        ReadIndexAsync(FollowUpKeys.ByCreated, from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds(), Exclude.Stop, Order.Descending, now);

    public async Task<IReadOnlyList<FollowUpDayStats>> DailyStatsAsync(IEnumerable<DateOnly> days)
    {
        var db = redis.GetDatabase();
        var batch = db.CreateBatch();
        var tasks = days.Select(d => (Day: d, Task: batch.HashGetAllAsync(FollowUpKeys.DailyStats(d)))).ToList();
        batch.Execute();
        var list = new List<FollowUpDayStats>();
        foreach (var (day, task) in tasks)
        {
            var h = (await task).ToDictionary(e => (string)e.Name!, e => (long)e.Value);
            list.Add(new FollowUpDayStats(day, h.GetValueOrDefault("done"), h.GetValueOrDefault("onTime"),
                h.GetValueOrDefault("case:done"), h.GetValueOrDefault("case:onTime")));
        }
        return list;
    }

    private async Task<IReadOnlyList<FollowUp>> ReadIndexAsync(string key, double min, double max, Exclude exclude, Order order, DateTimeOffset now)
    {
        var db = redis.GetDatabase();
        var ids = await db.SortedSetRangeByScoreAsync(key, min, max, exclude, order, 0, 1000);
        var batch = db.CreateBatch();
        var tasks = ids.Select(id => batch.HashGetAllAsync(FollowUpKeys.Item(id!))).ToList();
        batch.Execute();
        var list = new List<FollowUp>();
        foreach (var t in tasks)
        {
            var entries = await t;
            if (entries.Length > 0) list.Add(FromFields(entries.ToDictionary(e => (string)e.Name!, e => (string)e.Value!), now));
        }
        return list;
    }

    private static HashFields ToFields(FollowUp f) => new()
    {
        { "id", f.Id },
        { "kind", f.Kind },
        { "subject", f.Subject },
        { "customerName", f.CustomerName },
        { "contact", f.Contact },
        { "message", f.Message },
        { "conversationId", f.ConversationId },
        { "complaintId", f.ComplaintId },
        { "customerId", f.CustomerId },
        { "programmeId", f.ProgrammeId },
        { "owner", f.Owner ?? "" },
        { "ownerName", f.OwnerName },
        { "dueAt", Time(f.DueAt) },
        { "createdAt", Time(f.CreatedAt) },
        { "createdBy", f.CreatedBy },
        { "status", f.Status },
        { "notes", f.Notes },
    };

    private static FollowUp FromFields(Dictionary<string, string> h, DateTimeOffset now)
    {
        string? S(string k) => Text(h, k);
        DateTimeOffset? T(string k) => TimeOf(h, k);
        var status = h.GetValueOrDefault("status") ?? "open";
        var due = T("dueAt") ?? default;
        return new FollowUp
        {
            Id = h["id"],
            Kind = h.GetValueOrDefault("kind") ?? FollowUpKinds.FollowUp,
            Subject = S("subject"),
            CustomerName = S("customerName"),
            Contact = S("contact"),
            Message = S("message"),
            ConversationId = S("conversationId"),
            ComplaintId = S("complaintId"),
            CustomerId = S("customerId"),
            ProgrammeId = S("programmeId"),
            Owner = S("owner"),
            OwnerName = S("ownerName"),
            DueAt = due,
            CreatedAt = T("createdAt") ?? default,
            CreatedBy = S("createdBy"),
            Status = status,
            Result = S("result"),
            Notes = S("notes"),
            ResultNotes = S("resultNotes"),
            DoneAt = T("doneAt"),
            DoneBy = S("doneBy"),
            DoneByName = S("doneByName"),
            Overdue = status == "open" && due < now,
        };
    }
}
