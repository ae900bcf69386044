using System.ComponentModel.DataAnnotations;

namespace ChatSupport.HandoffDashboard.FollowUps;

/// <summary>Section "FollowUps".</summary>
public sealed class FollowUpOptions
{
    public const string SectionName = "FollowUps";

    /// <summary>Default time to reply to a case or make a follow-up call (the seeds: within three days).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan DueAfter { get; set; } = TimeSpan.FromDays(3);
}
