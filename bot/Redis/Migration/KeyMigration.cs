using ChatSupport.Bot.Protocol;
using ChatSupport.HandoffContract.Keys;
using StackExchange.Redis;

namespace ChatSupport.Bot.Redis.Migration;

/// <summary>
/// Moves a store's keys from the names before hash tags (<see cref="PreClusterKeyLayout"/>) to the current ones.
/// Every primary is SCANned (one on a single Redis, each master on a cluster); a key in the old layout is renamed
/// without overwriting anything: RENAMENX on one server, DUMP + RESTORE (keeping its TTL) + DEL on a cluster, where
/// the old and new names are in different slots and RENAME cannot cross them. A second run finds nothing to do. A
/// target that already exists is left alone and reported, unless it holds exactly the old key's value (a move cut
/// short between RESTORE and DEL), in which case the old key is deleted. Meant to run with both services stopped:
/// a running old version would keep writing old names, a new one would create empty new keys (the streams' groups).
/// </summary>
/// <param name="copyAcrossSlots">Null: DUMP/RESTORE on a cluster, RENAMENX on one server. True or false forces one
/// way (both work on one server; tests try each).</param>
public sealed class KeyMigration(IConnectionMultiplexer redis, bool? copyAcrossSlots = null)
{
    /// <summary>What happened to one rule's keys (or would happen, on a dry run).</summary>
    public sealed class RuleCounts
    {
        public int Moved { get; set; }
        /// <summary>The target already held the same value: only the old key was deleted.</summary>
        public int Finished { get; set; }
        /// <summary>The target exists with another value: both left as they are.</summary>
        public int Conflicts { get; set; }
    }

    /// <param name="Copied">Moved by DUMP/RESTORE/DEL (a cluster) rather than RENAMENX.</param>
    public sealed record Report(bool Applied, bool Copied, long Scanned, IReadOnlyDictionary<string, RuleCounts> ByRule, IReadOnlyList<string> ConflictingKeys)
    {
        public int Moved => ByRule.Values.Sum(c => c.Moved);
        public int Finished => ByRule.Values.Sum(c => c.Finished);
        public int Conflicts => ByRule.Values.Sum(c => c.Conflicts);
    }

    private static readonly IReadOnlyList<PreClusterKeyLayout.Rule> Rules = PreClusterKeyLayout.Rules(ConversationKey.For);

    /// <param name="apply">False: count what would move and change nothing.</param>
    public async Task<Report> RunAsync(bool apply, CancellationToken cancellationToken = default)
    {
        var servers = redis.GetServers().Where(s => s.IsConnected && !s.IsReplica).ToList();
        if (servers.Count == 0) throw new InvalidOperationException("no connected Redis primary");
        var cluster = servers.Any(s => s.ServerType == ServerType.Cluster);
        var copy = copyAcrossSlots ?? cluster;
        var db = redis.GetDatabase();
        var byRule = new SortedDictionary<string, RuleCounts>(StringComparer.Ordinal);
        var conflicts = new List<string>();
        long scanned = 0;
        foreach (var server in servers)
        {
            await foreach (var key in server.KeysAsync(pattern: PreClusterKeyLayout.ScanPattern, pageSize: 1000).WithCancellation(cancellationToken))
            {
                scanned++;
                var name = key.ToString();
                if (PreClusterKeyLayout.Classify(Rules, name) is not { } found) continue;
                var (rule, newKey) = found;
                if (!byRule.TryGetValue(rule.Name, out var counts)) byRule[rule.Name] = counts = new RuleCounts();
                switch (await MoveAsync(db, name, newKey, apply, copy))
                {
                    case Outcome.Moved: counts.Moved++; break;
                    case Outcome.Finished: counts.Finished++; break;
                    case Outcome.Conflict: counts.Conflicts++; conflicts.Add($"{name} -> {newKey}"); break;
                    case Outcome.Gone: break;
                }
            }
        }
        return new Report(apply, copy, scanned, byRule, conflicts);
    }

    private enum Outcome { Moved, Finished, Conflict, Gone }

    private static async Task<Outcome> MoveAsync(IDatabase db, string oldKey, string newKey, bool apply, bool copy)
    {
        if (await db.KeyExistsAsync(newKey))
        {
            // Same bytes in both (DUMP carries type, value and encoding version): an earlier run copied it and
            // stopped before the DEL.
            var (oldValue, newValue) = (await db.KeyDumpAsync(oldKey), await db.KeyDumpAsync(newKey));
            if (oldValue is null) return Outcome.Gone;
            if (newValue is null || !oldValue.AsSpan().SequenceEqual(newValue)) return Outcome.Conflict;
            if (apply) await db.KeyDeleteAsync(oldKey);
            return Outcome.Finished;
        }
        if (!apply) return Outcome.Moved;
        if (!copy)
        {
            // RENAMENX keeps the value, its TTL and (for a stream) its consumer groups, in one step.
            if (await db.KeyRenameAsync(oldKey, newKey, When.NotExists)) return Outcome.Moved;
            return await db.KeyExistsAsync(oldKey) ? Outcome.Conflict : Outcome.Gone;
        }
        var dump = await db.KeyDumpAsync(oldKey);
        if (dump is null) return Outcome.Gone;
        var ttl = await db.KeyTimeToLiveAsync(oldKey);
        if (ttl is { } left && left <= TimeSpan.Zero) return Outcome.Gone;
        try
        {
            // RESTORE without REPLACE fails if the target appeared meanwhile: nothing is overwritten.
            await db.KeyRestoreAsync(newKey, dump, ttl);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYKEY", StringComparison.Ordinal))
        {
            return Outcome.Conflict;
        }
        await db.KeyDeleteAsync(oldKey);
        return Outcome.Moved;
    }
}
