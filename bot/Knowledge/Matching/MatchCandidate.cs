namespace ChatSupport.Bot.Knowledge.Matching;

/// <summary>
/// One FAQ the matcher considered. <see cref="Score"/> in [0, 1] combines <see cref="Coverage"/> (how much of the
/// message's lexical evidence this FAQ explains) and <see cref="Similarity"/> (embedding cosine with its closest
/// phrasing), reduced by <see cref="Penalty"/> when the message names knowledge terms the FAQ never mentions.
/// </summary>
public sealed record MatchCandidate(FaqEntry Faq, double Score, double Coverage, double Similarity, double Penalty)
{
    /// <summary>Human-readable evidence: matched features with their contribution, missing terms.</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];

    /// <summary>How much of the FAQ's closest phrasing (title or alternate question) the message contains.</summary>
    public double PhrasingRecall { get; init; }

    /// <summary>
    /// Share of the message's evidence beyond shared product names that this FAQ explains. Zero means the FAQ only
    /// matched because it is about the same product.
    /// </summary>
    public double TopicCoverage { get; init; } = 1;

    /// <summary>
    /// Share of the message's evidence that this FAQ explains with content pairs: character pairs that name what the
    /// message is about (not function words, everyday words, interrogatives or product names several FAQs share).
    /// Zero means the FAQ shares no word of the message's own subject, however high its score.
    /// </summary>
    public double ContentShare { get; init; }

    /// <summary>Share of the message's evidence that is content pairs at all (whether any FAQ explains them or not).</summary>
    public double MessageContentShare { get; init; }

    /// <summary>
    /// Share of the message's salient words (<see cref="UnexplainedContent"/>) that this FAQ does not explain: 0 when
    /// every word that says what the message is about occurs in the FAQ, 1 when none does.
    /// </summary>
    public double UnexplainedShare
    {
        get => Unexplained.Share;
        init => _unexplained = Unexplained with { Share = value };
    }

    /// <summary>The FAQ's position in the index it was matched against.</summary>
    internal int FaqIndexPosition { get; init; } = -1;

    /// <summary>The message's salient words this FAQ does not explain (diagnostics, the trace).</summary>
    public IReadOnlyList<string> UnexplainedWords
    {
        get => Unexplained.Words;
        init => _unexplained = Unexplained with { Words = value };
    }

    /// <summary>
    /// Works out <see cref="UnexplainedShare"/> and <see cref="UnexplainedWords"/> on first read: the matcher returns
    /// several candidates on every call (calibration, intent gates, clauses) and a decision reads them for its best one
    /// at most. Computing twice on two threads is harmless: the result is the same and replaces the field whole.
    /// </summary>
    internal Func<(double Share, IReadOnlyList<string> Words)>? MeasureUnexplained { init => _measure = value; }

    private Func<(double Share, IReadOnlyList<string> Words)>? _measure;
    private UnexplainedPart? _unexplained;

    private UnexplainedPart Unexplained => _unexplained ??= _measure?.Invoke() is { } measured
        ? new UnexplainedPart(measured.Share, measured.Words)
        : UnexplainedPart.None;

    private sealed record UnexplainedPart(double Share, IReadOnlyList<string> Words)
    {
        public static readonly UnexplainedPart None = new(0, []);
    }
}
