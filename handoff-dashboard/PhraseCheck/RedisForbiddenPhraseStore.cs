using System.Text.Json;
using StackExchange.Redis;
using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.HandoffDashboard.PhraseCheck;

/// <summary>The forbidden-phrase list (a small hash, read on every check) and the per-agent warning counters.</summary>
public sealed class RedisForbiddenPhraseStore(IConnectionMultiplexer redis, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<ChatSupport.HandoffDashboard.Reports.ReportsOptions>? reports = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Replaces the whole list at once (MULTI), so a check never sees half of an edit.</summary>
    private const string ReplaceScript = """
        redis.call('DEL', KEYS[1])
        for i = 1, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
        return #ARGV / 2
        """;

    public async Task<IReadOnlyList<ForbiddenPhrase>> ListAsync()
    {
        var entries = await redis.GetDatabase().HashGetAllAsync(PhraseCheckKeys.Phrases);
        return entries.Select(e => JsonSerializer.Deserialize<ForbiddenPhrase>(e.Value.ToString(), Json)!)
            .OrderBy(p => p.Severity).ThenBy(p => p.Phrase, StringComparer.Ordinal).ToList();
    }

    public Task ReplaceAsync(IReadOnlyList<ForbiddenPhrase> phrases)
    {
        var args = phrases.SelectMany(p => new RedisValue[] { p.Phrase, JsonSerializer.Serialize(p, Json) }).ToArray();
        return redis.GetDatabase().ScriptEvaluateAsync(ReplaceScript, [PhraseCheckKeys.Phrases], args);
    }

    public Task<bool> TryClaimSeedingAsync() =>
        redis.GetDatabase().StringSetAsync(PhraseCheckKeys.SeededFlag, clock.GetUtcNow().ToString("O"), when: When.NotExists);

    /// <summary>
    /// Counts one warned send for the agent on today's (UTC) counter; returns today's count. The day's hash
    /// expires with the other report days (Reports:RetentionDays).
    /// </summary>
    public async Task<long> CountWarningAsync(string agentId)
    {
        var db = redis.GetDatabase();
        var key = StatsKeys.PhraseWarnings(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var count = await db.HashIncrementAsync(key, agentId);
        await db.KeyExpireAsync(key, TimeSpan.FromDays(reports?.Value.RetentionDays ?? new ChatSupport.HandoffDashboard.Reports.ReportsOptions().RetentionDays));
        return count;
    }
}
