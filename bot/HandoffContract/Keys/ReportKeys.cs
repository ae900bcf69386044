namespace ChatSupport.HandoffContract.Keys;

/// <summary>
/// Report indexes (written by the dashboard's ingest). A conversation's timeline and contribution are tagged
/// <c>{conv:&lt;id&gt;}</c> (the indexer's script touches both); day counters <c>{day:yyyyMMdd}</c>; the chat
/// indexes <c>{reports}</c> (changed together by one script).
/// </summary>
public static class ReportKeys
{
    private static readonly string Indexes = HandoffKeys.Prefix + HashTags.Feature("reports");

    /// <summary>Hash per UTC day: field "{agentId}|{metric}" → integer (metrics in the dashboard's AgentMetrics).</summary>
    public static string AgentDaily(DateOnly day) => HandoffKeys.Prefix + HashTags.Day(day) + ":reports:agents";

    /// <summary>Sorted set: one conversation's report-relevant facts, scored by event time (ms). 30-day TTL.</summary>
    public static string Timeline(string conversationId) => HandoffKeys.Prefix + HashTags.Conversation(conversationId) + ":reports:timeline";

    /// <summary>Hash: what one conversation currently adds to the day counters ("yyyyMMdd␟agent|metric" → value). 30-day TTL.</summary>
    public static string Contribution(string conversationId) => HandoffKeys.Prefix + HashTags.Conversation(conversationId) + ":reports:contribution";

    /// <summary>Hash: conversation id → agent id, for the conversations in <see cref="OpenChats"/>.</summary>
    public static readonly string OpenChatAgents = Indexes + ":open-chat-agents";

    /// <summary>Sorted set: conversation ids currently with an agent, scored by accept time (ms). Read by the shift handover.</summary>
    public static readonly string OpenChats = Indexes + ":open-chats";

    /// <summary>Sorted set: closed conversation ids scored by close time (ms). Trimmed to Reports:RetentionDays.</summary>
    public static readonly string ClosedChats = Indexes + ":closed-chats";

    /// <summary>Hash: conversation id → size of its timeline when the indexes above were last set from it; an older view never overwrites a newer one.</summary>
    public static readonly string IndexedVersion = Indexes + ":indexed-version";
}
