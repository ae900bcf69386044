namespace ChatSupport.HandoffContract;

/// <summary>
/// Catalogue of every Redis key and channel shared by the bot and the handoff dashboard.
/// Keys are lower-case, colon-separated and prefixed with <c>chatsupport:</c>.
/// </summary>
public static class HandoffKeys
{
    public const string Prefix = "chatsupport:";

    /// <summary>Hash: the escalated conversation's record (<see cref="ConversationRecord"/> fields, one hash field each).</summary>
    public static string Conversation(string conversationId) => $"{Prefix}conversation:{conversationId}";

    /// <summary>List of <see cref="TranscriptEntry"/> JSON, oldest first: the whole conversation, bot part included. Written by the bot only.</summary>
    public static string Transcript(string conversationId) => $"{Prefix}conversation:{conversationId}:transcript";

    /// <summary>Sorted set of conversation ids waiting for an agent; score from <see cref="QueueScore.For"/> (lowest first).</summary>
    public const string Queue = Prefix + "handoff:queue";

    /// <summary>Sorted set of a customer's conversation ids scored by start time (ms), for "earlier conversations".</summary>
    public static string CustomerConversations(string customerId) => $"{Prefix}customer:{customerId}:conversations";

    /// <summary>Stream: bot → dashboard events (<see cref="HandoffEvent"/> in field <c>event</c>), in order, never lost.</summary>
    public const string ToDashboardStream = Prefix + "stream:to-dashboard";

    /// <summary>
    /// Stream: dashboard → bot events (<see cref="HandoffEvent"/> in field <c>event</c>). One bot instance at a time
    /// (the holder of a Redis lease) reads it through the consumer group <c>bot-relay</c> and acknowledges an entry
    /// only once it was delivered (or parked for retry, in order, per conversation), so one conversation's agent
    /// messages reach the shopper in the order the agent sent them and none is skipped; other readers (reports,
    /// dashboards) read it on their own.
    /// </summary>
    public const string ToBotStream = Prefix + "stream:to-bot";

    /// <summary>Pub/sub channel: wake-up after an XADD to <see cref="ToDashboardStream"/> (payload: stream entry id).</summary>
    public const string ToDashboardWakeUpChannel = Prefix + "wakeup:to-dashboard";

    /// <summary>Pub/sub channel: wake-up after an XADD to <see cref="ToBotStream"/> (payload: stream entry id).</summary>
    public const string ToBotWakeUpChannel = Prefix + "wakeup:to-bot";

    /// <summary>Pub/sub channel for transient typing signals (<see cref="HandoffEvent"/> of kind CustomerTyping / AgentTyping); may be lost.</summary>
    public const string TypingChannel = Prefix + "typing";

    /// <summary>Set of agent ids currently online (written by the dashboard). The bot reads its size to decide between queueing and offering to leave a message.</summary>
    public const string OnlineAgents = Prefix + "agents:online";

    /// <summary>
    /// Hash of the bot's counters for one UTC day (yyyyMMdd), written by the bot with HINCRBY, read by reports:
    /// fields <c>conversations</c> (started), <c>answered</c>, <c>clarified</c>, <c>fallbacks</c>,
    /// <c>handoffs</c>, <c>handoffs:after-sales</c>, <c>handoffs:complaint</c>, <c>handoffs:human</c>, <c>cases</c>.
    /// </summary>
    public static string BotDailyStats(DateOnly day) => $"{Prefix}stats:bot:{day:yyyyMMdd}";
}
