using ChatSupport.HandoffContract;
using StackExchange.Redis;

namespace ChatSupport.Bot.Redis.Migration;

/// <summary>
/// `migrate-keys [--redis CONNECTION] [--apply]`: renames a store's keys from the layout before hash tags to the
/// current one (<see cref="KeyMigration"/>). A dry run by default: it lists what would move per kind of key and
/// changes nothing; --apply moves. The connection is --redis, else ConnectionStrings__Redis, else 127.0.0.1:6379
/// (a cluster: any node's address). Exit 0 when nothing is left to move, 1 when some targets already existed with
/// other values (listed, both kept), 2 on bad arguments or when Redis cannot be reached.
/// </summary>
public static class MigrateKeysCommand
{
    public const string Usage = "usage: migrate-keys [--redis CONNECTION] [--apply]";

    public static async Task<int> RunAsync(string[] args) => await RunAsync(args, Console.Out, Console.Error);

    /// <param name="environment">Where ConnectionStrings__Redis is read (default: the process environment); tests pass their own.</param>
    /// <param name="copyAcrossSlots">Passed to <see cref="KeyMigration"/> (null: chosen by the topology).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, Func<string, string?>? environment = null, bool? copyAcrossSlots = null)
    {
        var env = environment ?? Environment.GetEnvironmentVariable;
        string? connection = null;
        var apply = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--apply":
                    apply = true;
                    break;
                case "--redis" when i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal):
                    connection = args[++i];
                    break;
                case "--redis":
                    await stderr.WriteLineAsync($"migrate-keys: --redis needs a value\n{Usage}");
                    return 2;
                default:
                    await stderr.WriteLineAsync($"migrate-keys: unknown argument '{args[i]}'\n{Usage}");
                    return 2;
            }
        }
        connection ??= env("ConnectionStrings__Redis") ?? RedisConnections.DefaultConnectionString;

        var options = RedisConnections.Options(connection);
        options.AbortOnConnectFail = true;
        // A large store's SCAN pages and DUMPs take longer than a turn's budget.
        options.SyncTimeout = options.AsyncTimeout = 30_000;
        ConnectionMultiplexer redis;
        try
        {
            redis = await ConnectionMultiplexer.ConnectAsync(options);
        }
        catch (RedisConnectionException ex)
        {
            await stderr.WriteLineAsync($"migrate-keys: cannot reach Redis at {connection}: {ex.Message}");
            return 2;
        }
        await using (redis)
        {
            var report = await new KeyMigration(redis, copyAcrossSlots).RunAsync(apply);
            await stdout.WriteLineAsync(report.Applied
                ? $"migrate-keys: moving keys to the hash-tagged layout ({(report.Copied ? "cluster: DUMP/RESTORE/DEL" : "single server: RENAMENX")})"
                : "migrate-keys: dry run, nothing changed (add --apply to move)");
            foreach (var (rule, counts) in report.ByRule)
            {
                var line = $"  {rule,-28} {(report.Applied ? "moved" : "to move")} {counts.Moved,6}";
                if (counts.Finished > 0) line += $", {(report.Applied ? "finished" : "to finish")} {counts.Finished} (copied earlier)";
                if (counts.Conflicts > 0) line += $", {counts.Conflicts} conflicts";
                await stdout.WriteLineAsync(line);
            }
            foreach (var conflict in report.ConflictingKeys)
            {
                await stdout.WriteLineAsync($"  conflict (new name exists with another value, both kept): {conflict}");
            }
            await stdout.WriteLineAsync($"scanned {report.Scanned} keys; {(report.Applied ? "moved" : "to move")} {report.Moved}, " +
                $"{(report.Applied ? "finished" : "to finish")} {report.Finished}, conflicts {report.Conflicts}");
            return report.Conflicts > 0 ? 1 : 0;
        }
    }
}
