using System.ComponentModel.DataAnnotations;

namespace ChatSupport.HandoffDashboard.Complaints;

/// <summary>Section "Complaints".</summary>
public sealed class ComplaintOptions
{
    public const string SectionName = "Complaints";

    /// <summary>
    /// An archived (归档) complaint is deleted this long after it was archived, with the chat photos it kept as evidence (default
    /// 1095 days: three years, the time China's E-Commerce Law has stores keep transaction records). Open complaints are never deleted
    /// by age. Longer than a conversation's Handoff:TranscriptRetentionDays on purpose: a complaint outlives the chat it came from.
    /// </summary>
    [Range(30, 3650)] public int RetentionDays { get; set; } = 1095;

    /// <summary>How often an instance looks for expired complaints (any instance may; deleting twice is harmless).</summary>
    [Range(1, 1440)] public int SweepIntervalMinutes { get; set; } = 60;
}
