using ChatSupport.HandoffContract.Keys;
using Contract = ChatSupport.HandoffContract.Keys.ReportKeys;

namespace ChatSupport.HandoffDashboard.Reports;

/// <summary>Forwards to the contract's catalogue (<see cref="Contract"/>); the report indexes are described there.</summary>
public static class ReportKeys
{
    public const string ConsumerGroup = StreamKeys.ReportsGroup;
    public static string AgentDaily(DateOnly day) => Contract.AgentDaily(day);
    public static string Timeline(string conversationId) => Contract.Timeline(conversationId);
    public static string Contribution(string conversationId) => Contract.Contribution(conversationId);
    public static readonly string OpenChatAgents = Contract.OpenChatAgents;
    public static readonly string OpenChats = Contract.OpenChats;
    public static readonly string ClosedChats = Contract.ClosedChats;
    public static readonly string IndexedVersion = Contract.IndexedVersion;
    public static string PhraseWarnings(DateOnly day) => StatsKeys.PhraseWarnings(day);
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
