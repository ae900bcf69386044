using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChatSupport.HandoffContract.Keys;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatSupport.Bot.Routing.Unanswered;

/// <summary>
/// The unanswered-questions log in Redis: one hash per distinct normalised text (count, last seen, last top
/// candidates) and a sorted set by last seen. Bounded (<see cref="UnansweredOptions"/>): the least recently asked
/// entries beyond MaxEntries are dropped, and an entry not asked again for RetentionDays goes from the index and,
/// by its TTL, from Redis.
/// </summary>
public sealed class RedisUnansweredQuestionLog(IConnectionMultiplexer redis, IOptions<UnansweredOptions> options, TimeProvider clock)
    : IUnansweredQuestionLog
{
    private const int MaxTextLength = 500;

    public async Task RecordAsync(string text, RoutingDecision decision, CancellationToken cancellationToken)
    {
        if (decision.Route is not (Route.Fallback or Route.Clarify)) return;
        var normalized = decision.NormalizedText.Length > 0 ? decision.NormalizedText : text.Trim();
        if (normalized.Length == 0) return;
        if (normalized.Length > MaxTextLength) normalized = normalized[..MaxTextLength];
        var id = EntryId(normalized);
        var now = clock.GetUtcNow();
        var retention = TimeSpan.FromDays(options.Value.RetentionDays);
        var candidates = JsonSerializer.Serialize(decision.Candidates.Take(5).ToList());
        var db = redis.GetDatabase();
        var key = KnowledgeKeys.UnansweredEntry(id);
        var batch = db.CreateTransaction();
        _ = batch.HashIncrementAsync(key, "count");
        _ = batch.HashSetAsync(key,
        [
            new HashEntry("text", normalized),
            new HashEntry("lastText", text.Length > MaxTextLength ? text[..MaxTextLength] : text),
            new HashEntry("lastSeen", now.ToUnixTimeMilliseconds()),
            new HashEntry("lastRoute", decision.Route.ToString().ToLowerInvariant()),
            new HashEntry("candidates", candidates),
        ]);
        _ = batch.KeyExpireAsync(key, retention);
        _ = batch.SortedSetAddAsync(KnowledgeKeys.UnansweredIndex, id, now.ToUnixTimeMilliseconds());
        _ = batch.SortedSetRemoveRangeByScoreAsync(KnowledgeKeys.UnansweredIndex, double.NegativeInfinity, (now - retention).ToUnixTimeMilliseconds());
        _ = batch.SortedSetRemoveRangeByRankAsync(KnowledgeKeys.UnansweredIndex, 0, -options.Value.MaxEntries - 1);
        await batch.ExecuteAsync();
    }

    public async Task<IReadOnlyList<UnansweredQuestion>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        limit = Math.Clamp(limit, 1, 1000);
        var db = redis.GetDatabase();
        var ids = await db.SortedSetRangeByRankAsync(KnowledgeKeys.UnansweredIndex, 0, limit - 1, Order.Descending);
        var result = new List<UnansweredQuestion>(ids.Length);
        foreach (var id in ids)
        {
            var fields = (await db.HashGetAllAsync(KnowledgeKeys.UnansweredEntry(id!))).ToDictionary(e => (string)e.Name!, e => e.Value);
            if (!fields.TryGetValue("text", out var textValue)) continue; // expired
            var candidates = fields.TryGetValue("candidates", out var c) && c.HasValue
                ? JsonSerializer.Deserialize<List<RouteCandidate>>((string)c!) ?? []
                : [];
            result.Add(new UnansweredQuestion(
                textValue!,
                fields.TryGetValue("lastText", out var last) ? (string)last! : textValue!,
                fields.TryGetValue("count", out var count) ? (long)count : 0,
                DateTimeOffset.FromUnixTimeMilliseconds(fields.TryGetValue("lastSeen", out var seen) ? (long)seen : 0),
                fields.TryGetValue("lastRoute", out var route) ? (string)route! : "",
                candidates));
        }
        return result;
    }

    public async Task ForgetAsync(IEnumerable<string> normalizedTexts, CancellationToken cancellationToken)
    {
        var ids = normalizedTexts.Select(t => t.Trim()).Where(t => t.Length > 0)
            .Select(t => EntryId(t.Length > MaxTextLength ? t[..MaxTextLength] : t)).Distinct().ToList();
        if (ids.Count == 0) return;
        var db = redis.GetDatabase();
        // Index first: a reader that finds an id without its hash skips it, never the other way round.
        await db.SortedSetRemoveAsync(KnowledgeKeys.UnansweredIndex, ids.Select(id => (RedisValue)id).ToArray());
        await db.KeyDeleteAsync(ids.Select(id => (RedisKey)KnowledgeKeys.UnansweredEntry(id)).ToArray());
    }

    private static string EntryId(string normalized) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)), 0, 12).ToLowerInvariant();
}
