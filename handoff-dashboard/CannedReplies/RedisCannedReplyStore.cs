using System.Text.Json;
using StackExchange.Redis;
using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.HandoffDashboard.CannedReplies;

/// <summary>Outcome of a write: done, or the reason it was refused (nothing was written then).</summary>
public enum WriteOutcome { Ok, Missing, DuplicateShortcut, AlreadyExists }

public sealed record WriteResult(WriteOutcome Outcome, int FailedIndex = -1, string? Detail = null)
{
    public static readonly WriteResult Ok = new(WriteOutcome.Ok);
}

/// <summary>
/// Canned replies in Redis: records in one hash, usage counts in another, shortcut slots in a third.
/// Every write runs as one Lua script and is then announced on <see cref="CannedReplyKeys.ChangedChannel"/>.
/// </summary>
public sealed class RedisCannedReplyStore(IConnectionMultiplexer redis)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private IDatabase Db => redis.GetDatabase();

    public async Task<IReadOnlyList<CannedReply>> LoadAllAsync(CancellationToken cancellationToken = default)
    {
        var db = Db;
        var itemsTask = db.HashGetAllAsync(CannedReplyKeys.Items);
        var usageTask = db.HashGetAllAsync(CannedReplyKeys.Usage);
        await Task.WhenAll(itemsTask, usageTask);
        var usage = usageTask.Result.ToDictionary(e => e.Name.ToString(), e => (long)e.Value);
        return itemsTask.Result
            .Select(e => Deserialize(e.Value!) with { UsageCount = usage.GetValueOrDefault(e.Name.ToString()) })
            .ToList();
    }

    /// <summary>Reads the given ids; ids absent from the result were deleted.</summary>
    public async Task<IReadOnlyList<CannedReply>> LoadAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0) return [];
        var fields = ids.Select(i => (RedisValue)i).ToArray();
        var db = Db;
        var itemsTask = db.HashGetAsync(CannedReplyKeys.Items, fields);
        var usageTask = db.HashGetAsync(CannedReplyKeys.Usage, fields);
        await Task.WhenAll(itemsTask, usageTask);
        var result = new List<CannedReply>(ids.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            if (itemsTask.Result[i].IsNullOrEmpty) continue;
            var usage = usageTask.Result[i].IsNullOrEmpty ? 0 : (long)usageTask.Result[i];
            result.Add(Deserialize(itemsTask.Result[i]!) with { UsageCount = usage });
        }
        return result;
    }

    public async Task<CannedReply?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        (await LoadAsync([id], cancellationToken)).FirstOrDefault();

    public Task<WriteResult> CreateAsync(IReadOnlyList<CannedReply> items, CancellationToken cancellationToken = default) =>
        UpsertAsync("create", items);

    public Task<WriteResult> UpdateAsync(IReadOnlyList<CannedReply> items, CancellationToken cancellationToken = default) =>
        UpsertAsync("update", items);

    /// <summary>Creates the items that do not exist yet and updates those that do, all or nothing, in one script (import).</summary>
    public Task<WriteResult> ImportAsync(IReadOnlyList<CannedReply> items, CancellationToken cancellationToken = default) =>
        UpsertAsync("upsert", items);

    /// <summary>The slot the item's shortcut occupies in <see cref="CannedReplyKeys.Shortcuts"/>, or null without shortcut.</summary>
    public static string? ShortcutSlot(CannedReply item) =>
        item.Shortcut is null ? null
        : item.Scope == CannedReplyScope.Team ? CannedReplyShortcutSlots.Team(item.Shortcut)
        : CannedReplyShortcutSlots.Personal(item.OwnerId!, item.Shortcut);

    private async Task<WriteResult> UpsertAsync(string mode, IReadOnlyList<CannedReply> items)
    {
        if (items.Count == 0) return WriteResult.Ok;
        var args = new RedisValue[1 + items.Count * 4];
        args[0] = mode;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            args[1 + 4 * i] = item.Id;
            args[2 + 4 * i] = JsonSerializer.Serialize(item, Json);
            args[3 + 4 * i] = ShortcutSlot(item) ?? "";
            args[4 + 4 * i] = item.Scope == CannedReplyScope.Personal && item.Shortcut is not null ? CannedReplyShortcutSlots.Team(item.Shortcut) : "";
        }
        var reply = (RedisResult[])(await Db.ScriptEvaluateAsync(CannedReplyScripts.UpsertMany,
            [CannedReplyKeys.Items, CannedReplyKeys.Shortcuts], args))!;
        var status = (string)reply[0]!;
        if (status != "ok")
        {
            var index = int.Parse((string)reply[1]!) - 1;
            var outcome = status switch
            {
                "missing" => WriteOutcome.Missing,
                "exists" => WriteOutcome.AlreadyExists,
                _ => WriteOutcome.DuplicateShortcut,
            };
            return new WriteResult(outcome, index, (string?)reply[2]);
        }
        // Ids, not "reload all", even for a big import: other instances re-read just these (HMGET).
        await PublishAsync(new CannedReplyChange(items.Select(i => i.Id).ToList(), All: false, UsageOnly: false));
        return WriteResult.Ok;
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        var deleted = (int)await Db.ScriptEvaluateAsync(CannedReplyScripts.Delete,
            [CannedReplyKeys.Items, CannedReplyKeys.Shortcuts, CannedReplyKeys.Usage], [id]) == 1;
        if (deleted) await PublishAsync(new CannedReplyChange([id], All: false, UsageOnly: false));
        return deleted;
    }

    /// <summary>Sets order = position for the given ids; returns the first id that no longer exists, or null.</summary>
    public async Task<string?> ReorderAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        var result = (string?)await Db.ScriptEvaluateAsync(CannedReplyScripts.Reorder,
            [CannedReplyKeys.Items], ids.Select(i => (RedisValue)i).ToArray());
        if (result != "ok") return result;
        await PublishAsync(new CannedReplyChange(ids, All: false, UsageOnly: false));
        return null;
    }

    public async Task<long> IncrementUsageAsync(string id, CancellationToken cancellationToken = default)
    {
        var count = await Db.HashIncrementAsync(CannedReplyKeys.Usage, id);
        await PublishAsync(new CannedReplyChange([id], All: false, UsageOnly: true));
        return count;
    }

    /// <summary>True for exactly one caller ever (per Redis): the one that should seed the defaults.</summary>
    public Task<bool> TryClaimSeedingAsync() =>
        Db.StringSetAsync(CannedReplyKeys.SeededFlag, DateTimeOffset.UtcNow.ToString("O"), when: When.NotExists);

    private Task PublishAsync(CannedReplyChange change) =>
        redis.GetSubscriber().PublishAsync(RedisChannel.Literal(CannedReplyKeys.ChangedChannel), JsonSerializer.Serialize(change, Json));

    private static CannedReply Deserialize(string json) => JsonSerializer.Deserialize<CannedReply>(json, Json)!;
}
