namespace ChatSupport.Bot.Knowledge.Matching;

/// <summary>
/// Score thresholds learnt from one knowledge folder at load (<see cref="DecisionCalibrator"/>): answer at or above
/// <see cref="Answer"/>, ask "did you mean…" from <see cref="Clarify"/>, offer a clean single match from
/// <see cref="Suggest"/>. Explicit Routing settings override each of them.
/// </summary>
public sealed record DecisionCalibration(double Answer, double Clarify, double Suggest)
{
    /// <summary>Used when a folder is too small to learn from (fewer than a handful of alternate questions).</summary>
    public static readonly DecisionCalibration Default = new(0.30, 0.30, 0.20) { Source = "defaults (too few alternate questions to calibrate)" };

    /// <summary>What the figures were learnt from (logs, the admin "test a question" explanation).</summary>
    public string Source { get; init; } = "";

    /// <summary>Held-out alternate questions whose own FAQ came first, and how many were scored.</summary>
    public int HeldOutCorrect { get; init; }
    public int HeldOutTotal { get; init; }

    /// <summary>The highest score an off-topic calibration message reached against the folder.</summary>
    public double OffTopicMax { get; init; }

    /// <summary>The held-out alternate questions' best scores and whether their own FAQ came first (diagnostics).</summary>
    public IReadOnlyList<(double Score, bool Correct)> HeldOut { get; init; } = [];

    /// <summary>The off-topic calibration messages' best matches (best candidate and the runner-up's score).</summary>
    public IReadOnlyList<(MatchCandidate Best, double RunnerUp)> OffTopicMatches { get; init; } = [];

    /// <summary>Lowest score a below-threshold answer may have; never below this, whatever the off-topic messages do.</summary>
    public const double LeadFloor = 0.15;

    /// <summary>
    /// The lowest score at which <paramref name="rule"/> answers below <see cref="Answer"/>: just above every off-topic
    /// calibration message below the answer threshold whose best match has the rule's shape (a wrong answer costs more
    /// than a fallback), and not below <see cref="LeadFloor"/>. When that is at or above <see cref="Answer"/>, the rule
    /// adds nothing for this folder.
    /// </summary>
    public double LowestScoreFor(BelowThresholdAnswerRule rule)
    {
        // Nothing learnt about where wrong matches sit: no lead below the answer threshold.
        if (OffTopicMatches.Count == 0) return Answer;
        var highest = 0.0;
        // Only the band the rule decides counts: an off-topic message at or above the answer threshold is answered
        // whatever the rule says, and letting it push the lead up would make one such message switch the rule off.
        foreach (var (best, runnerUp) in OffTopicMatches)
            if (best.Score < Answer && rule.Holds(best, runnerUp)) highest = Math.Max(highest, best.Score);
        return Math.Round(Math.Max(LeadFloor, highest + 0.01), 3);
    }
}
