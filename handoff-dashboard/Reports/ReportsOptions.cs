using System.ComponentModel.DataAnnotations;

namespace ChatSupport.HandoffDashboard.Reports;

/// <summary>Section "Reports": the stream ingest that feeds the report indexes.</summary>
public sealed class ReportsOptions
{
    public const string SectionName = "Reports";

    /// <summary>Off only for tools that write the indexes themselves (benchmark).</summary>
    public bool IngestEnabled { get; set; } = true;

    /// <summary>Fallback poll when a pub/sub wake-up was missed (pub/sub is fire-and-forget).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    [Range(1, 5000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>Entries another instance read but never acknowledged for this long are taken over.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ClaimIdleAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest range one report may cover.</summary>
    [Range(1, 3660)]
    public int MaxDays { get; set; } = 366;

    /// <summary>
    /// How long the per-day counters (agent figures per day) and the closed-chats index are kept; older days
    /// expire and older closed chats leave the index, so neither grows with traffic for ever.
    /// </summary>
    [Range(1, 3660)]
    public int RetentionDays { get; set; } = 400;
}
