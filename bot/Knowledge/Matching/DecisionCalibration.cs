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
}
