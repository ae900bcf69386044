using System.ComponentModel.DataAnnotations;

namespace ChatSupport.Bot.Routing.Unanswered;

/// <summary>Section "Routing:Unanswered": how much of the unanswered-questions log is kept.</summary>
public sealed class UnansweredOptions
{
    public const string SectionName = "Routing:Unanswered";

    /// <summary>Distinct questions kept; beyond it the least recently asked are dropped.</summary>
    [Range(10, 1_000_000)] public int MaxEntries { get; set; } = 5000;

    /// <summary>A question not asked again for this long is dropped.</summary>
    [Range(1, 3650)] public int RetentionDays { get; set; } = 90;
}
