namespace ChatSupport.HandoffDashboard.Reports;

/// <summary>
/// Metric names inside the per-day agent figures hash (the contract's <see cref="HandoffContract.Keys.ReportKeys.AgentDaily"/>):
/// each field is <c>agentId|metric</c>. Only the dashboard writes and reads them (ReportIndexer, AgentReport, SalesReport).
/// </summary>
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
