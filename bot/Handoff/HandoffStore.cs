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

    private static readonly string PublishScript = $$"""
        local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', {{StreamKeys.DefaultMaxLength}}, '*', '{{StreamKeys.EventField}}', ARGV[1])
        redis.call('PUBLISH', ARGV[2], id)
        return id
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
    public async Task<bool> ResumeWithBotAsync(string conversationId) =>
        (int)await redis.GetDatabase().ScriptEvaluateAsync(StatusScripts.ResumeWithBot, [HandoffKeys.Conversation(conversationId)]) == 1;

    /// <summary>Queues the conversation and announces it; false when it already waits for or is with an agent.</summary>
    public async Task<bool> EscalateAsync(string conversationId, string customerId, string? customerName, HandoffReason reason, string? lastText)
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
        var result = await db.ScriptEvaluateAsync(StatusScripts.Escalate,
            [HandoffKeys.Conversation(conversationId), HandoffKeys.Queue, HandoffKeys.ToDashboardStream],
            [customerId, customerName ?? "", reason.ToWireName(), now.ToString("O", CultureInfo.InvariantCulture),
             QueueScore.For(reason, now), evt.ToJson(), HandoffKeys.ToDashboardWakeUpChannel,
             (long)Retention.TotalSeconds, conversationId]);
        if ((int)result != 1) return false;
        // The customer's history index lives in the customer's slot ({customer:id}), so it cannot join the status
        // script on a cluster. It is only a list of earlier conversations for agents: written right after the
        // escalation it indexes (ZADD is idempotent, a repeated escalation rewrites the same member), and a crash in
        // between loses one line of history, never a chat or its status.
        var customerIndex = HandoffKeys.CustomerConversations(customerId);
        await db.SortedSetAddAsync(customerIndex, conversationId, now.ToUnixTimeMilliseconds());
        await db.KeyExpireAsync(customerIndex, Retention);
        return true;
    }

    /// <summary>
    /// Takes a waiting shopper out of the queue (they left): status Closed, out of the queue and CustomerLeft on the
    /// stream in one script, the dashboard's own leave-queue script (<see cref="StatusScripts.LeaveQueue"/>). False
    /// when the chat was no longer waiting (an agent took it a moment before): then nothing changed.
    /// </summary>
    public async Task<bool> LeaveQueueAsync(string conversationId)
    {
        var now = clock.GetUtcNow();
        var left = new HandoffEvent { Kind = HandoffEventKinds.CustomerLeft, ConversationId = conversationId, At = now };
        var result = await redis.GetDatabase().ScriptEvaluateAsync(StatusScripts.LeaveQueue,
            [HandoffKeys.Conversation(conversationId), HandoffKeys.Queue, HandoffKeys.ToDashboardStream],
            [conversationId, now.ToString("O", CultureInfo.InvariantCulture), left.ToJson(), HandoffKeys.ToDashboardWakeUpChannel]);
        return (int)result == 1;
    }

    /// <summary>Appends a fact to the to-dashboard stream and wakes the dashboards.</summary>
    public async Task<string> PublishAsync(HandoffEvent evt)
    {
        var id = await redis.GetDatabase().ScriptEvaluateAsync(PublishScript, [HandoffKeys.ToDashboardStream],
            [evt.ToJson(), HandoffKeys.ToDashboardWakeUpChannel]);
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

    // KEYS: transcript, ids of its lines. ARGV: retention s, then (activity id, JSON) pairs. A line whose activity id
    // is already in the transcript is skipped, so a turn run again (deferred, or a relayed event replayed) adds nothing twice.
    private const string AppendTranscriptScript = """
        local added = 0
        for i = 2, #ARGV, 2 do
          if ARGV[i] == '' or redis.call('SADD', KEYS[2], ARGV[i]) == 1 then
            redis.call('RPUSH', KEYS[1], ARGV[i + 1])
            added = added + 1
          end
        end
        redis.call('EXPIRE', KEYS[1], ARGV[1])
        redis.call('EXPIRE', KEYS[2], ARGV[1])
        return added
        """;

    public async Task AppendTranscriptAsync(string conversationId, IEnumerable<TranscriptEntry> entries)
    {
        var args = new List<RedisValue> { (long)Retention.TotalSeconds };
        foreach (var e in entries)
        {
            args.Add(e.ActivityId);
            args.Add(e.ToJson());
        }
        if (args.Count == 1) return;
        var key = HandoffKeys.Transcript(conversationId);
        await redis.GetDatabase().ScriptEvaluateAsync(AppendTranscriptScript, [key, ConversationKeys.TranscriptIds(conversationId)], [.. args]);
    }

    public async Task<IReadOnlyList<TranscriptEntry>> TranscriptAsync(string conversationId) =>
        (await redis.GetDatabase().ListRangeAsync(HandoffKeys.Transcript(conversationId))).Select(v => TranscriptEntryJson.FromJson(v.ToString())).ToList();

    /// <summary>Counts one occurrence in the bot's daily counters (fields listed on <see cref="HandoffKeys.BotDailyStats"/>).</summary>
    public Task CountAsync(params string[] fields)
    {
        var key = HandoffKeys.BotDailyStats(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var db = redis.GetDatabase();
        foreach (var field in fields) db.HashIncrement(key, field, 1, CommandFlags.FireAndForget);
        db.KeyExpire(key, StatsKeys.BotDailyRetention, CommandFlags.FireAndForget);
        return Task.CompletedTask;
    }

    public Task SaveReferenceAsync(ConversationReference reference) =>
        redis.GetDatabase().StringSetAsync(BotKeys.ConversationReference(ConversationKey.Of(reference)),
            JsonSerializer.Serialize(reference, ProtocolJson.Options), Retention);

    public async Task<ConversationReference?> FindReferenceAsync(string conversationId)
    {
        var json = await redis.GetDatabase().StringGetAsync(BotKeys.ConversationReference(conversationId));
        return json.IsNullOrEmpty ? null : JsonSerializer.Deserialize<ConversationReference>(json.ToString(), ProtocolJson.Options);
    }
}
