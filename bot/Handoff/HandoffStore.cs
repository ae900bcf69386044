using System.Globalization;
using System.Text.Json;
using ChatSupport.Bot.Protocol;
using ChatSupport.Bot.Redis;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffContract.Keys;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatSupport.Bot.Handoff;

/// <summary>
/// The bot's side of the handoff contract in Redis: conversation status, transcript, queue, the
/// to-dashboard stream, the bot's daily counters, and the conversation references that let the relay
/// reply outside a shopper's turn.
/// </summary>
public sealed class HandoffStore(IConnectionMultiplexer redis, IOptions<HandoffOptions> options, TimeProvider clock)
{
    private TimeSpan Retention => TimeSpan.FromDays(options.Value.TranscriptRetentionDays);

    private HandoffOptions O => options.Value;

    // KEYS: stream[, fence]. ARGV: event, wake-up channel, MAXLEN[, fence token].
    private static readonly string PublishScript = TurnFenceGuard.Lua("KEYS[2]", "ARGV[4]") + $$"""
        local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[3], '*', '{{StreamKeys.EventField}}', ARGV[1])
        redis.call('PUBLISH', ARGV[2], id)
        return id
        """;

    // The contract's status scripts use fixed KEYS/ARGV positions, so the fence rides last on both lists.
    private static readonly string FencedEscalate = TurnFenceGuard.Lua("KEYS[4]", "ARGV[11]") + StatusScripts.Escalate;
    private static readonly string FencedLeaveQueue = TurnFenceGuard.Lua("KEYS[4]", "ARGV[6]") + StatusScripts.LeaveQueue;
    private static readonly string FencedResumeWithBot = TurnFenceGuard.Lua("KEYS[2]", "ARGV[1]") + StatusScripts.ResumeWithBot;

    // KEYS: reference[, fence]. ARGV: JSON, TTL s[, fence token].
    private static readonly string SaveReferenceScript = TurnFenceGuard.Lua("KEYS[2]", "ARGV[3]") + """
        redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
        return 1
        """;

    public Task<ConversationStatus> GetStatusAsync(string conversationId) => GetStatusAsync(redis.GetDatabase(), conversationId);

    /// <summary>Reads through <paramref name="db"/>, e.g. the batch that takes the turn lock.</summary>
    public async Task<ConversationStatus> GetStatusAsync(IDatabaseAsync db, string conversationId)
    {
        var value = await db.HashGetAsync(HandoffKeys.Conversation(conversationId), ConversationFields.Status);
        return Enum.TryParse<ConversationStatus>(value.ToString(), out var status) ? status : ConversationStatus.WithBot;
    }

    /// <summary>
    /// A relayed close gives the chat back to the bot: Closed → WithBot, and only from Closed (a close relayed after
    /// the chat was escalated and taken again must not take it from the agent). False when the status had moved on.
    /// </summary>
    public async Task<bool> ResumeWithBotAsync(string conversationId, TurnFence? fence = null)
    {
        var (keys, args) = TurnFenceGuard.Append([HandoffKeys.Conversation(conversationId)], [], fence);
        return (int)await TurnFenceGuard.RunAsync(redis.GetDatabase(), fence is null ? StatusScripts.ResumeWithBot : FencedResumeWithBot, keys, args, "resume with bot") == 1;
    }

    /// <summary>Queues the conversation and announces it; false when it already waits for or is with an agent.</summary>
    public async Task<bool> EscalateAsync(string conversationId, string customerId, string? customerName, HandoffReason reason, string? lastText,
        TurnFence? fence = null)
    {
        var now = clock.GetUtcNow();
        var evt = new HandoffEvent
        {
            Kind = HandoffEventKinds.EscalationRequested,
            ConversationId = conversationId,
            At = now,
            CustomerId = customerId,
            CustomerName = customerName,
            Reason = reason.ToWireName(),
            Text = lastText,
        };
        var db = redis.GetDatabase();
        var (keys, args) = TurnFenceGuard.Append(
            [HandoffKeys.Conversation(conversationId), HandoffKeys.Queue, HandoffKeys.ToDashboardStream],
            [customerId, customerName ?? "", reason.ToWireName(), now.ToString("O", CultureInfo.InvariantCulture),
             QueueScore.For(reason, now), evt.ToJson(), HandoffKeys.ToDashboardWakeUpChannel,
             (long)Retention.TotalSeconds, conversationId, O.ToDashboardStreamMaxLength], fence);
        var result = await TurnFenceGuard.RunAsync(db, fence is null ? StatusScripts.Escalate : FencedEscalate, keys, args, "escalation");
        if ((int)result != 1) return false;
        // The customer's history index lives in the customer's slot ({customer:id}), so it cannot join the status
        // script on a cluster. It is only a list of earlier conversations for agents: written right after the
        // escalation it indexes (ZADD is idempotent, a repeated escalation rewrites the same member), and a crash in
        // between loses one line of history, never a chat or its status. Capped: the oldest beyond the limit go.
        var customerIndex = HandoffKeys.CustomerConversations(customerId);
        var index = db.CreateTransaction();
        _ = index.SortedSetAddAsync(customerIndex, conversationId, now.ToUnixTimeMilliseconds());
        _ = index.SortedSetRemoveRangeByRankAsync(customerIndex, 0, -O.MaxConversationsPerCustomer - 1);
        _ = index.KeyExpireAsync(customerIndex, Retention);
        await index.ExecuteAsync();
        return true;
    }

    /// <summary>
    /// Takes a waiting shopper out of the queue (they left): status Closed, out of the queue and CustomerLeft on the
    /// stream in one script, the dashboard's own leave-queue script (<see cref="StatusScripts.LeaveQueue"/>). False
    /// when the chat was no longer waiting (an agent took it a moment before): then nothing changed.
    /// </summary>
    public async Task<bool> LeaveQueueAsync(string conversationId, TurnFence? fence = null)
    {
        var now = clock.GetUtcNow();
        var left = new HandoffEvent { Kind = HandoffEventKinds.CustomerLeft, ConversationId = conversationId, At = now };
        var (keys, args) = TurnFenceGuard.Append(
            [HandoffKeys.Conversation(conversationId), HandoffKeys.Queue, HandoffKeys.ToDashboardStream],
            [conversationId, now.ToString("O", CultureInfo.InvariantCulture), left.ToJson(), HandoffKeys.ToDashboardWakeUpChannel, O.ToDashboardStreamMaxLength], fence);
        var result = await TurnFenceGuard.RunAsync(redis.GetDatabase(), fence is null ? StatusScripts.LeaveQueue : FencedLeaveQueue, keys, args, "leave queue");
        return (int)result == 1;
    }

    /// <summary>Appends a fact to the to-dashboard stream and wakes the dashboards.</summary>
    /// <summary>Appends a fact to the to-dashboard stream (kept to about <see cref="HandoffOptions.ToDashboardStreamMaxLength"/> entries); refused for a stale <paramref name="fence"/>.</summary>
    public async Task<string> PublishAsync(HandoffEvent evt, TurnFence? fence = null)
    {
        var (keys, args) = TurnFenceGuard.Append([HandoffKeys.ToDashboardStream], [evt.ToJson(), HandoffKeys.ToDashboardWakeUpChannel, O.ToDashboardStreamMaxLength], fence);
        var id = await TurnFenceGuard.RunAsync(redis.GetDatabase(), PublishScript, keys, args, "handoff event " + evt.Kind);
        return id.ToString();
    }

    public Task PublishTypingAsync(string conversationId) =>
        redis.GetSubscriber().PublishAsync(RedisChannel.Literal(HandoffKeys.TypingChannel),
            new HandoffEvent { Kind = HandoffEventKinds.CustomerTyping, ConversationId = conversationId, At = clock.GetUtcNow() }.ToJson());

    /// <summary>1-based place in the queue, or null when not queued.</summary>
    public async Task<long?> QueuePositionAsync(string conversationId)
    {
        var rank = await redis.GetDatabase().SortedSetRankAsync(HandoffKeys.Queue, conversationId);
        return rank is null ? null : rank + 1;
    }

    public async Task<IReadOnlyList<string>> QueueAsync() =>
        (await redis.GetDatabase().SortedSetRangeByRankAsync(HandoffKeys.Queue)).Select(v => v.ToString()).ToList();

    public async Task<long> OnlineAgentCountAsync() => await redis.GetDatabase().SetLengthAsync(HandoffKeys.OnlineAgents);

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
    public Task AppendTranscriptAsync(string conversationId, IEnumerable<TranscriptEntry> entries, TurnFence? fence = null) =>
        AppendTranscriptAsync(redis.GetDatabase(), conversationId, entries, fence);

    /// <summary>
    /// Appends through <paramref name="db"/>, e.g. the turn's closing batch: the script is queued before anything is
    /// awaited (the transcript, its id set and the fence share the conversation's slot, so the fence is checked inside it).
    /// </summary>
    public async Task AppendTranscriptAsync(IDatabaseAsync db, string conversationId, IEnumerable<TranscriptEntry> entries, TurnFence? fence = null)
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

    public async Task<IReadOnlyList<TranscriptEntry>> TranscriptAsync(string conversationId) =>
        (await redis.GetDatabase().ListRangeAsync(HandoffKeys.Transcript(conversationId))).Select(v => TranscriptEntryJson.FromJson(v.ToString())).ToList();

    /// <summary>Counts one occurrence in the bot's daily counters (fields listed on <see cref="HandoffKeys.BotDailyStats"/>).</summary>
    public Task CountAsync(params string[] fields) => CountAsync(redis.GetDatabase(), fields);

    /// <summary>Counts through <paramref name="db"/> (fire and forget), e.g. the turn's closing batch.</summary>
    public Task CountAsync(IDatabaseAsync db, params string[] fields)
    {
        var key = HandoffKeys.BotDailyStats(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        foreach (var field in fields) _ = db.HashIncrementAsync(key, field, 1, CommandFlags.FireAndForget);
        _ = db.KeyExpireAsync(key, StatsKeys.BotDailyRetention, flags: CommandFlags.FireAndForget);
        return Task.CompletedTask;
    }

    /// <summary>Counts with the turn's closing batch (no round trip of its own; nothing is counted for a turn that failed and runs again).</summary>
    public void CountAtTurnEnd(TurnContext turn, params string[] fields) => turn.AtTurnEnd(db => CountAsync(db, fields));

    /// <summary>Stores where replies to the conversation go; refused for a stale <paramref name="fence"/> (a late turn must not re-point it).</summary>
    public async Task SaveReferenceAsync(ConversationReference reference, TurnFence? fence = null)
    {
        var (keys, args) = TurnFenceGuard.Append([BotKeys.ConversationReference(ConversationKey.Of(reference))],
            [JsonSerializer.Serialize(reference, ProtocolJson.Options), (long)Retention.TotalSeconds], fence);
        await TurnFenceGuard.RunAsync(redis.GetDatabase(), SaveReferenceScript, keys, args, "reference update");
    }

    public async Task<ConversationReference?> FindReferenceAsync(string conversationId)
    {
        var json = await redis.GetDatabase().StringGetAsync(BotKeys.ConversationReference(conversationId));
        return json.IsNullOrEmpty ? null : JsonSerializer.Deserialize<ConversationReference>(json.ToString(), ProtocolJson.Options);
    }
}
