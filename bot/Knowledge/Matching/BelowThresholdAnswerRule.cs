namespace ChatSupport.Bot.Knowledge.Matching;

/// <summary>
/// When a match below the answer threshold is still the answer: nothing in the message speaks against the best FAQ
/// (no missing term, other product or aspect penalty), it leads the runner-up by <see cref="MinRatio"/>, and it passes
/// the rule's content test (<see cref="Explains"/>). A shopper's story, a date, a place or an amount around the
/// question dilutes the absolute score; it does not make the one FAQ that explains the question's own words any less
/// the answer. How low the score may go is learnt per folder (<see cref="DecisionCalibration.LowestScoreFor"/>): above
/// every off-topic calibration message that has the rule's shape. Two content tests are in use, <see cref="Lead"/> and
/// <see cref="Evidence"/>, each with its own ratio and learnt floor
/// (their settings and defaults are the Routing:Lead… and Routing:Evidence… options).
/// </summary>
public sealed class BelowThresholdAnswerRule
{
    /// <summary>The best score must be at least this many times the runner-up's.</summary>
    public required double MinRatio { get; init; }

    /// <summary>What the best FAQ must explain of the message's content, beyond being clean and leading.</summary>
    public required Func<MatchCandidate, bool> Explains { get; init; }

    /// <summary>
    /// The FAQ shares a content word of the message (not only function words, everyday words, interrogatives or product
    /// names): at least <paramref name="minContentShare"/> of the message's evidence is content pairs it explains
    /// (Routing:LeadRatio, Routing:LeadMinContentShare).
    /// </summary>
    public static BelowThresholdAnswerRule Lead(double minRatio, double minContentShare) =>
        new() { MinRatio = minRatio, Explains = best => best.ContentShare >= minContentShare };

    /// <summary>
    /// The FAQ explains what the message asks: it leaves at most <paramref name="maxUnexplainedShare"/> of the message's
    /// salient words unexplained (<see cref="UnexplainedContent"/>). A neighbour asked about a part or condition it never
    /// mentions leaves that word (Routing:EvidenceLeadRatio, Routing:EvidenceMaxUnexplainedShare).
    /// </summary>
    public static BelowThresholdAnswerRule Evidence(double minRatio, double maxUnexplainedShare) =>
        new() { MinRatio = minRatio, Explains = best => best.UnexplainedShare <= maxUnexplainedShare };

    public bool Holds(MatchCandidate best, double runnerUp) =>
        best.Penalty >= 1 && Explains(best) && best.Score >= MinRatio * runnerUp;
}
