using System.ComponentModel.DataAnnotations;

namespace ChatSupport.HandoffDashboard.Handovers;

/// <summary>Section "Handovers".</summary>
public sealed class HandoverOptions
{
    public const string SectionName = "Handovers";

    /// <summary>Shift notes older than this are deleted when a new one is written (the board reads 14 days at most).</summary>
    [Range(14, 3650)] public int RetentionDays { get; set; } = 90;
}
