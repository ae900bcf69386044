using System.Text.Json;
using ChatSupport.Bot.Protocol;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffContract.Keys;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatSupport.Bot.Handoff;

/// <summary>The transcript agents read, in Redis: lines appended once each (by activity id), capped and kept for the retention period.</summary>
public sealed class TranscriptLines(IConnectionMultiplexer redis, IOptions<HandoffOptions> options)
{
    private TimeSpan Retention => TimeSpan.FromDays(options.Value.TranscriptRetentionDays);

    private HandoffOptions O => options.Value;

    // KEYS: transcript, ids of its lines[, fence]. ARGV: retention s, most lines kept, fence token (0 for none), then (activity id, JSON)
    // pairs. A line whose activity id is already in the transcript is skipped, so a turn run again (deferred, or a relayed event
    // replayed) adds nothing twice. Past the cap the oldest lines go, and the id set is rebuilt from the lines kept once it holds
    // twice the cap (a replay only ever repeats recent lines), so neither grows without bound.
    private static readonly string AppendTranscriptScript = TurnFenceGuard.Lua("KEYS[3]", "ARGV[3]") + """
        local added = 0
        for i = 4, #ARGV, 2 do
          if ARGV[i] == '' or redis.call('SADD', KEYS[2], ARGV[i]) == 1 then
            redis.call('RPUSH', KEYS[1], ARGV[i + 1])
            added = added + 1
          end
        end
        local cap = tonumber(ARGV[2])
        if redis.call('LLEN', KEYS[1]) > cap then redis.call('LTRIM', KEYS[1], -cap, -1) end
        if redis.call('SCARD', KEYS[2]) > 2 * cap then
          redis.call('DEL', KEYS[2])
          for _, line in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
            local ok, entry = pcall(cjson.decode, line)
            if ok and type(entry) == 'table' and type(entry['activityId']) == 'string' and entry['activityId'] ~= '' then
              redis.call('SADD', KEYS[2], entry['activityId'])
            end
          end
        end
        redis.call('EXPIRE', KEYS[1], ARGV[1])
        redis.call('EXPIRE', KEYS[2], ARGV[1])
        return added
        """;

    /// <summary>Appends lines (at most <see cref="HandoffOptions.MaxTranscriptLines"/> are kept); refused for a stale <paramref name="fence"/>.</summary>
    public Task AppendAsync(string conversationId, IEnumerable<TranscriptEntry> entries, TurnFence? fence = null) =>
        AppendAsync(redis.GetDatabase(), conversationId, entries, fence);

    /// <summary>
    /// Appends through <paramref name="db"/>, e.g. the turn's closing batch: the script is queued before anything is
    /// awaited (the transcript, its id set and the fence share the conversation's slot, so the fence is checked inside it).
    /// </summary>
    public async Task AppendAsync(IDatabaseAsync db, string conversationId, IEnumerable<TranscriptEntry> entries, TurnFence? fence = null)
    {
        var args = new List<RedisValue> { (long)Retention.TotalSeconds, O.MaxTranscriptLines, fence?.Token ?? 0 };
        foreach (var e in entries)
        {
            args.Add(e.ActivityId);
            args.Add(e.ToJson());
        }
        if (args.Count == 3) return;
        var key = HandoffKeys.Transcript(conversationId);
        RedisKey[] keys = fence is null
            ? [key, ConversationKeys.TranscriptIds(conversationId)]
            : [key, ConversationKeys.TranscriptIds(conversationId), fence.CounterKey];
        await TurnFenceGuard.RunAsync(db, AppendTranscriptScript, keys, [.. args], "transcript append");
    }

    public async Task<IReadOnlyList<TranscriptEntry>> ReadAsync(string conversationId) =>
        (await redis.GetDatabase().ListRangeAsync(HandoffKeys.Transcript(conversationId))).Select(v => TranscriptEntryJson.FromJson(v.ToString())).ToList();
}
