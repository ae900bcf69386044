using System.ComponentModel.DataAnnotations;

namespace ChatSupport.Bot.Handoff;

/// <summary>Section "Handoff": when people are there, how waits are estimated, how long transcripts are kept.</summary>
public sealed class HandoffOptions
{
    public const string SectionName = "Handoff";

    /// <summary>IANA zone the business hours are in.</summary>
    [Required] public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Opening hours per weekday ("09:00-23:00"); a missing or empty day is closed.</summary>
    public Dictionary<DayOfWeek, string> BusinessHours { get; set; } = Enum.GetValues<DayOfWeek>().ToDictionary(d => d, _ => "09:00-23:00");

    /// <summary>Closed dates (yyyy-MM-dd, local), e.g. 春节.</summary>
    public List<string> Holidays { get; set; } = [];

    /// <summary>Average minutes an agent spends per chat, for the wait estimate.</summary>
    [Range(0.5, 120)] public double AverageHandleMinutes { get; set; } = 3;

    /// <summary>How often waiting shoppers are told their new place in the queue (if it changed).</summary>
    [Range(1, 600)] public int QueueUpdateSeconds { get; set; } = 20;

    /// <summary>Transcripts and handoff records are kept this long.</summary>
    [Range(1, 3650)] public int TranscriptRetentionDays { get; set; } = HandoffContract.HandoffDefaults.TranscriptRetentionDays;

    /// <summary>Most transcript lines kept per conversation (the oldest go first); a chat longer than this is rare and its start stays in the Direct Line history.</summary>
    [Range(100, 1_000_000)] public int MaxTranscriptLines { get; set; } = 5000;

    /// <summary>Approximate cap on the bot → dashboard stream (XADD MAXLEN ~): the dashboards read it within seconds, this is days of traffic.</summary>
    [Range(1000, 10_000_000)] public int ToDashboardStreamMaxLength { get; set; } = 100_000;

    /// <summary>Most conversations remembered per customer (their "earlier conversations" list); the oldest are dropped.</summary>
    [Range(1, 100_000)] public int MaxConversationsPerCustomer { get; set; } = 200;

    /// <summary>A message left outside hours must be answered within this many days (the seeds' rule).</summary>
    [Range(1, 30)] public int CaseReplyDueDays { get; set; } = 3;
}
