using System.Globalization;
using StackExchange.Redis;

/// <summary>
/// What the bot process and Redis spent during a run: the bot's CPU time (utime + stime from /proc/PID/stat, so the
/// generator's own work on the shared cores is not counted) and Redis's command and read counters. Redis counts a
/// command run inside a script as well as the script itself, so "commands" is the work Redis did; "reads" (INFO stats
/// total_reads_processed: one per burst of requests a client wrote) is the number of round trips Redis saw. Under load
/// the bot's one multiplexer writes several turns' commands in one burst, so reads per turn is a lower bound on a
/// turn's own round trips; tests/Bot.Tests' TurnRoundTripTests pins the exact number for one turn.
/// </summary>
sealed class BotUsage
{
    private readonly BotTarget _target;
    private readonly ConnectionMultiplexer? _redis;
    private long _cpuTicks;
    private (long Commands, long Reads) _redisCounters;
    private double _seconds;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    private BotUsage(BotTarget target, ConnectionMultiplexer? redis)
    {
        _target = target;
        _redis = redis;
    }

    public static async Task<BotUsage> StartAsync(BotTarget target)
    {
        var redis = target.RedisConnectionString is { } cs ? await ConnectionMultiplexer.ConnectAsync(cs + ",allowAdmin=true") : null;
        var usage = new BotUsage(target, redis);
        usage._cpuTicks = usage.CpuTicks();
        usage._redisCounters = await usage.RedisCountersAsync();
        usage._clock.Restart();
        return usage;
    }

    public async Task<Used> StopAsync()
    {
        var cpu = CpuTicks() - _cpuTicks;
        var counters = await RedisCountersAsync();
        _seconds = _clock.Elapsed.TotalSeconds;
        _redis?.Dispose();
        // /proc/PID/stat counts in clock ticks (USER_HZ, 100 per second on Linux).
        return new Used(cpu < 0 ? double.NaN : cpu * 10_000.0, counters.Commands - _redisCounters.Commands - 2, counters.Reads - _redisCounters.Reads - 2, _seconds);
    }

    private long CpuTicks()
    {
        if (_target.BotPid is not { } pid) return -1;
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name (which is in parentheses and may contain spaces): utime is field 14, stime 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException) { return -1; }
    }

    private async Task<(long Commands, long Reads)> RedisCountersAsync()
    {
        if (_redis is null) return (0, 0);
        long commands = 0, reads = 0;
        foreach (var server in _redis.GetServers())
        {
            foreach (var group in await server.InfoAsync("commandstats"))
                foreach (var pair in group)
                {
                    var calls = pair.Value.Split(',').First(p => p.StartsWith("calls=", StringComparison.Ordinal));
                    commands += long.Parse(calls["calls=".Length..], CultureInfo.InvariantCulture);
                }
            foreach (var group in await server.InfoAsync("stats"))
                foreach (var pair in group)
                    if (pair.Key == "total_reads_processed") reads += long.Parse(pair.Value, CultureInfo.InvariantCulture);
        }
        return (commands, reads);
    }

    public sealed record Used(double CpuMicroseconds, long RedisCommands, long RedisReads, double Seconds)
    {
        /// <param name="answered">Messages that got their reply: on an overloaded machine many posts fail, and CPU per sent message then hides the cost of a turn.</param>
        public void Print(int messages, int answered)
        {
            if (messages == 0) return;
            Console.WriteLine(double.IsNaN(CpuMicroseconds)
                ? "bot CPU: unknown (no --bot-pid)"
                : $"bot CPU: {CpuMicroseconds / messages:F0} µs per message sent, {(answered > 0 ? CpuMicroseconds / answered : double.NaN):F0} µs per message answered ({CpuMicroseconds / 1e6 / Seconds * 100:F0}% of a core over {Seconds:F1} s)");
            Console.WriteLine(RedisCommands <= 0 && RedisReads <= 0
                ? "redis: unknown (give --redis with --url)"
                : $"redis per message: {(double)RedisReads / messages:F2} round trips (reads), {(double)RedisCommands / messages:F1} commands (script-internal ones included)");
        }
    }
}
