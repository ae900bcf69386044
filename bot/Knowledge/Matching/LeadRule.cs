namespace ChatSupport.Bot.Knowledge.Matching;

/// <summary>
/// When a match below the answer threshold is still an answer: the best FAQ is clean (nothing in the message speaks
/// against it), leads the runner-up by a clear ratio, and shares a content word of the message (not only function
/// words, everyday words, interrogatives or product names). A shopper's story, a date, a place or an amount around
/// the question dilutes the absolute score; it does not make the one FAQ that explains the question's own words any
/// less the answer. How low such a lead may go is learnt per folder (<see cref="DecisionCalibration.LeadThreshold"/>):
/// above every off-topic calibration message that has the same shape.
/// </summary>
public sealed class LeadRule
{
    /// <summary>The best score must be at least this many times the runner-up's.</summary>
    public double MinRatio { get; init; } = 1.5;

    /// <summary>...and at least this share of the message's evidence must be content pairs the FAQ explains.</summary>
    public double MinContentShare { get; init; } = 0.05;

    public static LeadRule Default { get; } = new();

    public bool Holds(MatchCandidate best, double runnerUp) =>
        best.Penalty >= 1 && best.ContentShare >= MinContentShare && best.Score >= MinRatio * runnerUp;
}
