using System.ComponentModel.DataAnnotations;

namespace ChatSupport.Bot.Dialogue.Intake;

/// <summary>Section "Intake": the short after-sales intake before a handoff (which order, what is wrong, a photo).</summary>
public sealed class IntakeOptions
{
    public const string SectionName = "Intake";

    /// <summary>Off: after-sales cases are handed over at once, as complaints and requests for a person always are.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A prompt the shopper leaves unanswered this long is taken as a no: they are handed over with what there is.</summary>
    [Range(5, 3600)] public int StallTimeoutSeconds { get; set; } = 90;
}
