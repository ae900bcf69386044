using StackExchange.Redis;

namespace ChatSupport.Bot.Protocol;

/// <summary>A write under a turn lease was refused: a newer lease was granted since (this turn outlived its own).</summary>
public sealed class StaleTurnException(string what) : Exception($"{what} refused: the turn lease was taken over by a newer turn");

/// <summary>
/// The fence check every write a turn makes to a conversation's shared records starts with (transcript, reference,
/// handoff events, status changes; <see cref="RedisBotStateStore"/> does the same for state): inside the same Lua script
/// as the write, so "is my token still the newest?" and the write are one atomic step. A stale writer gets an error
/// reply and nothing is written; <see cref="RunAsync"/> turns it into <see cref="StaleTurnException"/>, which fails the
/// turn (a shopper message is then deferred and run again under a fresh lease; a relayed event is retried).
/// </summary>
public static class TurnFenceGuard
{
    private const string Marker = "STALE_TURN";

    /// <summary>Lua that aborts the script when <paramref name="fenceKey"/> is given and no longer holds <paramref name="token"/> (Lua expressions, e.g. "KEYS[#KEYS]").</summary>
    public static string Lua(string fenceKey, string token) =>
        $"if {fenceKey} and tonumber(redis.call('GET', {fenceKey}) or '0') ~= tonumber({token}) then return redis.error_reply('{Marker}') end\n";

    /// <summary>Runs a script that starts with <see cref="Lua"/>; throws <see cref="StaleTurnException"/> when the guard refused it.</summary>
    public static async Task<RedisResult> RunAsync(IDatabaseAsync db, string script, RedisKey[] keys, RedisValue[] args, string what)
    {
        if (keys.Length >= 2 && keys[^1].ToString().EndsWith(":fence", StringComparison.Ordinal) && OnOtherSlot(db.Multiplexer, keys[0], keys[^1]))
        {
            // On a Redis Cluster the handoff state machine's keys ({queue}) and the conversation's fence ({conv:…}) are on
            // different slots and one script cannot read both. The fence is then checked just before the write instead of
            // inside it: the status scripts' own compare-and-set still refuses a move from the wrong status, and the gap
            // of one round trip only lets a writer whose lease lapsed in that instant make a change that was valid for it.
            // The fence rides last on both lists (see Append), so it is dropped from both.
            var newest = (long?)await db.StringGetAsync(keys[^1]) ?? 0;
            if (newest != (long)args[^1]) throw new StaleTurnException(what);
            keys = keys[..^1];
            args = args[..^1];
        }
        try
        {
            return await db.ScriptEvaluateAsync(script, keys, args);
        }
        catch (RedisServerException ex) when (ex.Message.Contains(Marker, StringComparison.Ordinal))
        {
            throw new StaleTurnException(what);
        }
    }

    private static bool OnOtherSlot(IConnectionMultiplexer redis, RedisKey a, RedisKey b) =>
        redis.HashSlot(a) != redis.HashSlot(b) && redis.GetServers().Any(s => s.ServerType == ServerType.Cluster);

    /// <summary>Keys and args with the fence appended last (unchanged without one).</summary>
    public static (RedisKey[] Keys, RedisValue[] Args) Append(RedisKey[] keys, RedisValue[] args, TurnFence? fence) =>
        fence is null ? (keys, args) : ([.. keys, fence.CounterKey], [.. args, fence.Token]);
}
