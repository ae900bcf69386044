namespace ChatSupport.Bot.Knowledge.Matching;

/// <summary>
/// When a match below the answer threshold is still the answer because the FAQ explains what the message asks: nothing
/// in the message speaks against it (no missing term, other product or aspect penalty), it leaves at most
/// <see cref="MaxUnexplainedShare"/> of the message's salient words unexplained (<see cref="UnexplainedContent"/>), and
/// it leads the runner-up by <see cref="MinRatio"/>. Context around a question lowers the absolute score, not what
/// the FAQ explains; a neighbour asked about a part or condition it never mentions leaves that word. How low the
/// score may go is learnt per folder (<see cref="DecisionCalibration.LowestScoreFor"/>), above every off-topic
/// calibration message of this shape.
/// </summary>
public sealed class EvidenceRule
{
    /// <summary>The best score must be at least this many times the runner-up's (Routing:EvidenceLeadRatio).</summary>
    public double MinRatio { get; init; } = 1.4;

    /// <summary>...and it may leave at most this share of the message's salient words unexplained.</summary>
    public double MaxUnexplainedShare { get; init; } = 0.6;

    public static EvidenceRule Default { get; } = new();

    public bool Holds(MatchCandidate best, double runnerUp) =>
        best.Penalty >= 1 && best.UnexplainedShare <= MaxUnexplainedShare && best.Score >= MinRatio * runnerUp;
}
