using System.Globalization;
using ChatSupport.Bot.Protocol;
using ChatSupport.HandoffContract;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatSupport.Bot.Handoff;

/// <summary>
/// The bot's side of the handoff state machine and the queue in Redis (the contract's <see cref="StatusScripts"/>, the
/// same Lua the dashboard runs): the conversation's status, escalating into the queue, leaving it, the chat handed back
/// to the bot after a close; the queue's order and the agents online (for the wait estimate).
/// </summary>
public sealed class HandoffQueue(IConnectionMultiplexer redis, IOptions<HandoffOptions> options, TimeProvider clock)
{
    private TimeSpan Retention => TimeSpan.FromDays(options.Value.TranscriptRetentionDays);

    private HandoffOptions O => options.Value;

    // The contract's status scripts use fixed KEYS/ARGV positions, so the fence rides last on both lists.
    private static readonly string FencedEscalate = TurnFenceGuard.Lua("KEYS[4]", "ARGV[11]") + StatusScripts.Escalate;
    private static readonly string FencedLeaveQueue = TurnFenceGuard.Lua("KEYS[4]", "ARGV[6]") + StatusScripts.LeaveQueue;
    private static readonly string FencedResumeWithBot = TurnFenceGuard.Lua("KEYS[2]", "ARGV[1]") + StatusScripts.ResumeWithBot;

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
        var evt = HandoffEvent.EscalationRequested(conversationId, now, customerId, customerName, reason, lastText);
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
        var left = HandoffEvent.CustomerLeft(conversationId, now);
        var (keys, args) = TurnFenceGuard.Append(
            [HandoffKeys.Conversation(conversationId), HandoffKeys.Queue, HandoffKeys.ToDashboardStream],
            [conversationId, now.ToString("O", CultureInfo.InvariantCulture), left.ToJson(), HandoffKeys.ToDashboardWakeUpChannel, O.ToDashboardStreamMaxLength], fence);
        var result = await TurnFenceGuard.RunAsync(redis.GetDatabase(), fence is null ? StatusScripts.LeaveQueue : FencedLeaveQueue, keys, args, "leave queue");
        return (int)result == 1;
    }

    /// <summary>1-based place in the queue, or null when not queued.</summary>
    public async Task<long?> PositionAsync(string conversationId)
    {
        var rank = await redis.GetDatabase().SortedSetRankAsync(HandoffKeys.Queue, conversationId);
        return rank is null ? null : rank + 1;
    }

    public async Task<IReadOnlyList<string>> QueueAsync() =>
        (await redis.GetDatabase().SortedSetRangeByRankAsync(HandoffKeys.Queue)).Select(v => v.ToString()).ToList();

    public async Task<long> OnlineAgentCountAsync() => await redis.GetDatabase().SetLengthAsync(HandoffKeys.OnlineAgents);
}
