using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.Redis;

/// <summary>One stream entry: its id and the value of its <c>event</c> field.</summary>
public sealed record StreamEntry(string Id, string? Event);

/// <summary>
/// Stream reads through Lua: StackExchange.Redis 1.2.6 has no stream API. Reads never block
/// (BLOCK is not allowed in scripts); callers wait for a pub/sub wake-up between reads.
/// </summary>
public static class RedisStreams
{
    private const string ReadScript = """
        local r = redis.call('XREAD', 'COUNT', ARGV[2], 'STREAMS', KEYS[1], ARGV[1])
        if not r then return {} end
        return r[1][2]
        """;

    private const string LastIdScript = """
        local r = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
        if #r == 0 then return '0-0' end
        return r[1][1]
        """;

    /// <summary>Entries after <paramref name="afterId"/>, oldest first, at most <paramref name="count"/>.</summary>
    public static async Task<IReadOnlyList<StreamEntry>> ReadAfterAsync(IDatabase db, string stream, string afterId, int count)
    {
        var result = await db.ScriptEvaluateAsync(ReadScript, [stream], [afterId, count]);
        var entries = (RedisResult[])result!;
        var list = new List<StreamEntry>(entries.Length);
        foreach (var entry in entries)
        {
            var parts = (RedisResult[])entry!;
            var fields = (RedisResult[])parts[1]!;
            string? json = null;
            for (var i = 0; i + 1 < fields.Length; i += 2)
            {
                if ((string?)fields[i] == "event") json = (string?)fields[i + 1];
            }
            list.Add(new StreamEntry((string)parts[0]!, json));
        }
        return list;
    }

    /// <summary>Id of the newest entry, or 0-0 when the stream is empty or missing.</summary>
    public static async Task<string> LastIdAsync(IDatabase db, string stream) =>
        (string)(await db.ScriptEvaluateAsync(LastIdScript, [stream]))!;
}
