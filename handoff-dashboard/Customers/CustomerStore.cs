using System.Text.Json;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffContract.Keys;
using ChatSupport.HandoffDashboard.Redis;
using StackExchange.Redis;
using static ChatSupport.HandoffDashboard.Redis.RedisHashRecord;

namespace ChatSupport.HandoffDashboard.Customers;

/// <summary>
/// Customer profiles in Redis: a hash per customer with its notes and contacts beside it (one hash tag), the directory of
/// all customers by last seen, and each agent's customers by when the next contact is due.
/// </summary>
public sealed class CustomerStore(IConnectionMultiplexer redis)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private IDatabase Db => redis.GetDatabase();

    // First sight keeps what an agent may have corrected since: only absent fields are filled; lastSeenAt always moves on.
    private const string SeenScript = """
        redis.call('HSETNX', KEYS[1], 'id', ARGV[1])
        redis.call('HSETNX', KEYS[1], 'firstSeenAt', ARGV[2])
        if ARGV[3] ~= '' then redis.call('HSETNX', KEYS[1], 'displayName', ARGV[3]) end
        if ARGV[4] ~= '' then redis.call('HSET', KEYS[1], 'shopperId', ARGV[4]) end
        local last = redis.call('HGET', KEYS[1], 'lastSeenMs')
        if not last or tonumber(last) < tonumber(ARGV[5]) then
          redis.call('HSET', KEYS[1], 'lastSeenAt', ARGV[2], 'lastSeenMs', ARGV[5])
        end
        return 1
        """;

    // A contact is recorded and the profile's last contact moved in one step (same hash tag).
    private const string ContactScript = """
        redis.call('RPUSH', KEYS[2], ARGV[1])
        redis.call('HSET', KEYS[1], 'lastContactAt', ARGV[2])
        return 1
        """;

    /// <summary>The profile, following a merge to the profile it went into; null when nothing is known.</summary>
    public async Task<CustomerProfile?> GetAsync(string id)
    {
        var profile = await GetRawAsync(id);
        if (profile?.MergedInto is { } target && target != id) return await GetRawAsync(target) ?? profile;
        return profile;
    }

    public async Task<CustomerProfile?> GetRawAsync(string id)
    {
        var entries = await Db.HashGetAllAsync(CustomerKeys.Profile(id));
        return entries.Length == 0 ? null : FromFields(entries.ToDictionary(e => (string)e.Name!, e => (string)e.Value!));
    }

    public async Task<IReadOnlyList<CustomerProfile>> GetManyAsync(IEnumerable<string> ids)
    {
        var db = Db;
        var batch = db.CreateBatch();
        var reads = ids.Select(id => batch.HashGetAllAsync(CustomerKeys.Profile(id))).ToList();
        batch.Execute();
        var list = new List<CustomerProfile>(reads.Count);
        foreach (var read in reads)
        {
            var entries = await read;
            if (entries.Length > 0) list.Add(FromFields(entries.ToDictionary(e => (string)e.Name!, e => (string)e.Value!)));
        }
        return list;
    }

    /// <summary>Records that the customer was seen (a chat reached the desk): creates the profile the first time.</summary>
    public async Task SeenAsync(string id, string? displayName, string? shopperId, DateTimeOffset at)
    {
        var db = Db;
        await db.ScriptEvaluateAsync(SeenScript, [CustomerKeys.Profile(id)],
            [id, Time(at), displayName?.Trim() ?? "", shopperId ?? "", at.ToUnixTimeMilliseconds()]);
        var merged = (string?)await db.HashGetAsync(CustomerKeys.Profile(id), "mergedInto");
        // A merged duplicate stays out of the directory: its chats are the surviving profile's history.
        if (string.IsNullOrEmpty(merged)) await db.SortedSetAddAsync(CustomerKeys.Directory, id, at.ToUnixTimeMilliseconds());
    }

    /// <summary>Writes changed fields (null value: field removed) and who changed them.</summary>
    public async Task UpdateAsync(string id, IReadOnlyDictionary<string, string?> changes, string by, DateTimeOffset at)
    {
        var db = Db;
        var key = CustomerKeys.Profile(id);
        var set = changes.Where(c => c.Value is not null).Select(c => new HashEntry(c.Key, c.Value)).ToList();
        set.Add(new HashEntry("id", id));
        set.Add(new HashEntry("updatedAt", Time(at)));
        set.Add(new HashEntry("updatedBy", by));
        var remove = changes.Where(c => c.Value is null).Select(c => (RedisValue)c.Key).ToArray();
        var tx = db.CreateTransaction();
        _ = tx.HashSetAsync(key, set.ToArray());
        if (remove.Length > 0) _ = tx.HashDeleteAsync(key, remove);
        await tx.ExecuteAsync();
    }

    public static string TagsField(IEnumerable<string> tags) => JsonSerializer.Serialize(tags.ToList(), Json);

    public Task AddNoteAsync(string id, CustomerNote note) =>
        Db.ListRightPushAsync(CustomerKeys.Notes(id), JsonSerializer.Serialize(note, Json));

    public async Task<IReadOnlyList<CustomerNote>> NotesAsync(string id) =>
        (await Db.ListRangeAsync(CustomerKeys.Notes(id), -200, -1)).Select(v => JsonSerializer.Deserialize<CustomerNote>((string)v!, Json)!).ToList();

    public async Task<IReadOnlyList<CustomerContact>> ContactsAsync(string id) =>
        (await Db.ListRangeAsync(CustomerKeys.Contacts(id), -200, -1)).Select(v => JsonSerializer.Deserialize<CustomerContact>((string)v!, Json)!).ToList();

    /// <summary>Records a contact and moves the customer's next due date in the agent's list.</summary>
    public async Task RecordContactAsync(string id, string agentId, CustomerContact contact, TimeSpan contactEvery)
    {
        var db = Db;
        await db.ScriptEvaluateAsync(ContactScript, [CustomerKeys.Profile(id), CustomerKeys.Contacts(id)],
            [JsonSerializer.Serialize(contact, Json), Time(contact.At)]);
        await db.SortedSetAddAsync(CustomerKeys.AgentCustomers(agentId), id, (contact.At + contactEvery).ToUnixTimeMilliseconds());
    }

    /// <summary>Makes <paramref name="agentId"/> responsible: first contact due <paramref name="contactEvery"/> after now.</summary>
    public async Task AssignAsync(string id, string agentId, string agentName, DateTimeOffset at, TimeSpan contactEvery)
    {
        var db = Db;
        var previous = (string?)await db.HashGetAsync(CustomerKeys.Profile(id), "agentId");
        await db.HashSetAsync(CustomerKeys.Profile(id), [new("agentId", agentId), new("agentName", agentName), new("assignedAt", Time(at))]);
        if (!string.IsNullOrEmpty(previous) && previous != agentId) await db.SortedSetRemoveAsync(CustomerKeys.AgentCustomers(previous), id);
        // Reassigned to the same agent: keep the due date they are working to.
        if (previous != agentId) await db.SortedSetAddAsync(CustomerKeys.AgentCustomers(agentId), id, (at + contactEvery).ToUnixTimeMilliseconds());
    }

    /// <summary>The agent's customers with when each next contact is due, soonest first.</summary>
    public async Task<IReadOnlyList<(string CustomerId, DateTimeOffset DueAt)>> AgentCustomersAsync(string agentId) =>
        (await Db.SortedSetRangeByRankWithScoresAsync(CustomerKeys.AgentCustomers(agentId), 0, 999))
            .Select(e => ((string)e.Element!, DateTimeOffset.FromUnixTimeMilliseconds((long)e.Score))).ToList();

    /// <summary>How many customers each agent is responsible for (the balance rule's load).</summary>
    public async Task<Dictionary<string, long>> CustomerCountsAsync(IEnumerable<string> agentIds)
    {
        var db = Db;
        var ids = agentIds.ToList();
        var counts = await Task.WhenAll(ids.Select(a => db.SortedSetLengthAsync(CustomerKeys.AgentCustomers(a))));
        return ids.Zip(counts).ToDictionary(p => p.First, p => p.Second);
    }

    /// <summary>Most recently seen customers first (at most <paramref name="take"/>).</summary>
    public async Task<IReadOnlyList<string>> RecentIdsAsync(int take) =>
        (await Db.SortedSetRangeByRankAsync(CustomerKeys.Directory, 0, take - 1, Order.Descending)).Select(v => (string)v!).ToList();

    /// <summary>The customer's conversation ids (their own and those of profiles merged into them), newest first.</summary>
    public async Task<IReadOnlyList<string>> ConversationIdsAsync(string id, int take)
    {
        var db = Db;
        var ids = new List<string> { id };
        ids.AddRange((await db.SetMembersAsync(CustomerKeys.Merged(id))).Select(v => (string)v!));
        var all = new List<(string Conversation, double Score)>();
        foreach (var customer in ids)
        {
            foreach (var e in await db.SortedSetRangeByRankWithScoresAsync(HandoffKeys.CustomerConversations(customer), 0, take - 1, Order.Descending))
                all.Add(((string)e.Element!, e.Score));
        }
        return all.OrderByDescending(e => e.Score).Select(e => e.Conversation).Distinct().Take(take).ToList();
    }

    public async Task<IReadOnlyList<string>> MergedIdsAsync(string id) =>
        (await Db.SetMembersAsync(CustomerKeys.Merged(id))).Select(v => (string)v!).ToList();

    /// <summary>
    /// Folds <paramref name="duplicate"/> into <paramref name="target"/>: fields the target lacks are taken over, notes and
    /// contacts copied, tags united; the duplicate points at the target and leaves the directory and its agent's list.
    /// </summary>
    public async Task MergeAsync(CustomerProfile target, CustomerProfile duplicate, string by, DateTimeOffset at)
    {
        var db = Db;
        var changes = new Dictionary<string, string?>();
        void Take(string field, string? mine, string? theirs) { if (string.IsNullOrEmpty(mine) && !string.IsNullOrEmpty(theirs)) changes[field] = theirs; }
        Take("displayName", target.DisplayName, duplicate.DisplayName);
        Take("phone", target.Phone, duplicate.Phone);
        Take("email", target.Email, duplicate.Email);
        Take("address", target.Address, duplicate.Address);
        Take("memberLevel", target.MemberLevel, duplicate.MemberLevel);
        Take("shopperId", target.ShopperId, duplicate.ShopperId);
        var tags = target.Tags.Union(duplicate.Tags).ToList();
        if (tags.Count != target.Tags.Count) changes["tags"] = TagsField(tags);
        await UpdateAsync(target.Id, changes, by, at);
        foreach (var note in await NotesAsync(duplicate.Id)) await AddNoteAsync(target.Id, note);
        foreach (var contact in await ContactsAsync(duplicate.Id))
            await db.ListRightPushAsync(CustomerKeys.Contacts(target.Id), JsonSerializer.Serialize(contact, Json));
        var moved = (await MergedIdsAsync(duplicate.Id)).Append(duplicate.Id).Select(v => (RedisValue)v).ToArray();
        await db.SetAddAsync(CustomerKeys.Merged(target.Id), moved);
        await db.HashSetAsync(CustomerKeys.Profile(duplicate.Id), [new("mergedInto", target.Id), new("updatedAt", Time(at)), new("updatedBy", by)]);
        await db.SortedSetRemoveAsync(CustomerKeys.Directory, duplicate.Id);
        if (duplicate.AgentId is { } agent) await db.SortedSetRemoveAsync(CustomerKeys.AgentCustomers(agent), duplicate.Id);
    }

    private static CustomerProfile FromFields(Dictionary<string, string> h)
    {
        string? S(string k) => Text(h, k);
        return new CustomerProfile
        {
            Id = h.GetValueOrDefault("id") ?? "",
            ShopperId = S("shopperId"),
            DisplayName = S("displayName"),
            Phone = S("phone"),
            Email = S("email"),
            Address = S("address"),
            Tags = S("tags") is { } tags ? JsonSerializer.Deserialize<List<string>>(tags, Json) ?? [] : [],
            MemberLevel = S("memberLevel"),
            AgentId = S("agentId"),
            AgentName = S("agentName"),
            AssignedAt = TimeOf(h, "assignedAt"),
            LastContactAt = TimeOf(h, "lastContactAt"),
            FirstSeenAt = TimeOf(h, "firstSeenAt"),
            LastSeenAt = TimeOf(h, "lastSeenAt"),
            MergedInto = S("mergedInto"),
            UpdatedAt = TimeOf(h, "updatedAt"),
            UpdatedBy = S("updatedBy"),
        };
    }
}
