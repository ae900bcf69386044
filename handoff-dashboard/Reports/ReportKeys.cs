namespace ChatSupport.HandoffDashboard.Reports;

/// <summary>
/// Redis keys of the report indexes (dashboard-internal, written by <see cref="HandoffStreamIngest"/>).
/// Every report query reads a range of day keys or a sorted-set range: nothing here is ever scanned.
/// </summary>
public static class ReportKeys
{
    private const string Prefix = "chatsupport:reports:";

    /// <summary>Consumer group of the report ingest on both handoff streams (one delivery per dashboard fleet).</summary>
    public const string ConsumerGroup = "reports";

    /// <summary>
    /// Hash per UTC day (yyyyMMdd): field "{agentId}|{metric}" → integer. Metrics are in <see cref="AgentMetrics"/>;
    /// durations are summed in milliseconds next to their sample count.
    /// </summary>
    public static string AgentDaily(DateOnly day) => $"{AgentDailyPrefix}{day:yyyyMMdd}";

    /// <summary>Prefix of <see cref="AgentDaily"/>; the ingest script appends yyyyMMdd.</summary>
    public const string AgentDailyPrefix = Prefix + "agents:";

    /// <summary>
    /// Sorted set: one conversation's report-relevant facts, scored by event time (ms); members are
    /// "atMs␟yyyyMMdd␟stream:entryId␟kind␟agentId␟toAgentId␟rating" (␟ = \x1f). 30-day TTL.
    /// </summary>
    public static string Timeline(string conversationId) => $"{Prefix}conversation:{conversationId}:timeline";

    /// <summary>Hash: what one conversation currently adds to the day counters ("yyyyMMdd␟agent|metric" → value). 30-day TTL.</summary>
    public static string Contribution(string conversationId) => $"{Prefix}conversation:{conversationId}:contribution";

    /// <summary>Hash: conversation id → agent id, for the conversations in <see cref="OpenChats"/>.</summary>
    public const string OpenChatAgents = Prefix + "open-chat-agents";

    /// <summary>Sorted set: conversation ids currently with an agent, scored by accept time (ms). Read by the shift handover.</summary>
    public const string OpenChats = Prefix + "open-chats";

    /// <summary>Sorted set: closed conversation ids scored by close time (ms), for drill-down by time range. Trimmed to Reports:RetentionDays.</summary>
    public const string ClosedChats = Prefix + "closed-chats";

    /// <summary>
    /// Hash per UTC day, field agentId → number of forbidden-phrase warnings. Written by the canned-replies
    /// feature (its own catalogue holds the same template); reports only read it.
    /// </summary>
    public static string PhraseWarnings(DateOnly day) => $"chatsupport:stats:phrase-warnings:{day:yyyyMMdd}";
}

/// <summary>Metric names used in <see cref="ReportKeys.AgentDaily"/> fields.</summary>
public static class AgentMetrics
{
    public const string Handled = "handled";
    public const string FirstResponseMs = "frt_ms";
    public const string FirstResponseCount = "frt_n";
    public const string ResponseMs = "art_ms";
    public const string ResponseCount = "art_n";
    public const string ResolutionMs = "res_ms";
    public const string ResolutionCount = "res_n";
    public const string Satisfied = "sat_good";
    public const string Neutral = "sat_mid";
    public const string Dissatisfied = "sat_bad";

    public static string Field(string agentId, string metric) => $"{agentId}|{metric}";
}
