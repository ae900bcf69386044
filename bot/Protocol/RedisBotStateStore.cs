using System.Text.Json.Nodes;
using StackExchange.Redis;

namespace ChatSupport.Bot.Protocol;

/// <summary>Thrown when a state write lost the race against another writer (its ETag changed).</summary>
public sealed class StateConflictException(string key) : Exception($"State {key} was changed by another writer");

/// <summary>
/// Bot state in Redis as a hash {etag, json}. Writes are compare-and-set on the ETag in one Lua
/// script, so two bot instances behind a load balancer never silently overwrite each other.
/// </summary>
public sealed class RedisBotStateStore(IConnectionMultiplexer redis)
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    // KEYS[2] (optional) is the turn lease's fence counter: with it, the write is refused unless ARGV[5] is still the
    // newest token handed out, i.e. no other lease was granted after the writer's (see TurnFence).
    private const string CompareAndSetScript = """
        if KEYS[2] and tonumber(redis.call('GET', KEYS[2]) or '0') ~= tonumber(ARGV[5]) then return -1 end
        local current = redis.call('HGET', KEYS[1], 'etag')
        if ARGV[1] == '' then
          if current then return 0 end
        elseif current ~= ARGV[1] then
          return 0
        end
        redis.call('HSET', KEYS[1], 'etag', ARGV[2], 'json', ARGV[3])
        redis.call('EXPIRE', KEYS[1], ARGV[4])
        return 1
        """;

    private bool? _cluster;

    private bool SameSlot(string a, string b)
    {
        // Known once connected (a single server before the first connection would otherwise be remembered wrongly).
        var cluster = _cluster ?? redis.GetServers().Any(s => s.ServerType == ServerType.Cluster);
        if (_cluster is null && redis.IsConnected) _cluster = cluster;
        return !cluster || redis.HashSlot(a) == redis.HashSlot(b);
    }

    public Task<TurnState> LoadAsync(string key) => LoadAsync(redis.GetDatabase(), key);

    /// <summary>Loads through <paramref name="db"/>, e.g. a batch that also takes the turn lock.</summary>
    public async Task<TurnState> LoadAsync(IDatabaseAsync db, string key)
    {
        var values = await db.HashGetAsync(key, ["etag", "json"]);
        if (values[0].IsNull) return new TurnState(key, new JsonObject(), null);
        var json = JsonNode.Parse(values[1].ToString()) as JsonObject ?? new JsonObject();
        return new TurnState(key, json, values[0]);
    }

    /// <summary>
    /// Whether <see cref="SaveAsync(IDatabaseAsync, TurnState, TurnFence?)"/> can queue the save on a batch: the fence is
    /// checked inside the write (always on one server; on a cluster only where the state shares the fence's slot).
    /// </summary>
    public bool CanSaveInBatch(TurnState state, TurnFence? fence) => !state.Changed || fence is null || SameSlot(state.Key, fence.CounterKey);

    /// <summary>
    /// Queues the save on <paramref name="batch"/> (see <see cref="CanSaveInBatch"/>); its task throws
    /// <see cref="StateConflictException"/> as <see cref="SaveAsync(TurnState, TurnFence?)"/> does.
    /// </summary>
    public Task SaveAsync(IDatabaseAsync batch, TurnState state, TurnFence? fence)
    {
        if (!state.Changed) return Task.CompletedTask;
        if (!CanSaveInBatch(state, fence)) throw new InvalidOperationException($"state {state.Key} cannot be saved in a batch with its fence");
        RedisKey[] keys = fence is null ? [state.Key] : [state.Key, fence.CounterKey];
        return Checked(state.Key, batch.ScriptEvaluateAsync(CompareAndSetScript, keys,
            [state.ETag ?? "", Guid.NewGuid().ToString("N"), state.Values.ToJsonString(ProtocolJson.Options), (long)Retention.TotalSeconds, fence?.Token ?? 0]));

        static async Task Checked(string key, Task<RedisResult> saving)
        {
            if ((int)await saving != 1) throw new StateConflictException(key);
        }
    }

    /// <summary>
    /// Saves if changed; throws <see cref="StateConflictException"/> when someone else saved first, or, with a
    /// <paramref name="fence"/>, when a newer turn lease was granted since this one (a late writer).
    /// </summary>
    public async Task SaveAsync(TurnState state, TurnFence? fence = null)
    {
        if (!state.Changed) return;
        var db = redis.GetDatabase();
        RedisKey[] keys = fence is null ? [state.Key] : [state.Key, fence.CounterKey];
        if (fence is not null && !SameSlot(state.Key, fence.CounterKey))
        {
            // On a cluster the user's state ({user:…}) and the conversation's fence ({conv:…}) are on different
            // slots, so the fence is checked just before the write instead of inside it. The ETag compare-and-set
            // still refuses any write over someone else's save; what the gap of one round trip allows is only a
            // late writer whose lease lapsed in that instant saving a user state no one else has touched since.
            var newest = (long?)await db.StringGetAsync(fence.CounterKey) ?? 0;
            if (newest != fence.Token) throw new StateConflictException(state.Key);
            keys = [state.Key];
        }
        var ok = (int)await db.ScriptEvaluateAsync(CompareAndSetScript, keys,
            [state.ETag ?? "", Guid.NewGuid().ToString("N"), state.Values.ToJsonString(ProtocolJson.Options), (long)Retention.TotalSeconds, fence?.Token ?? 0]);
        if (ok != 1) throw new StateConflictException(state.Key);
    }
}
