using ChatSupport.Bot.Knowledge.Normalization;
using ChatSupport.HandoffContract;

namespace ChatSupport.Bot.Routing.Intent;

/// <summary>The router's intent for one message, what decided it and how sure it is.</summary>
/// <param name="Trigger">For a handoff intent: what caused it (the rule's trigger, or the model's class).</param>
/// <param name="Cue">The rule's matched words, when a rule decided.</param>
public sealed record IntentDecision(ShopperIntent Intent, double Confidence, EscalationTrigger Trigger, string? Cue, IntentScores Scores)
{
    private readonly Func<string>? _explain;
    private string? _explanation;

    /// <param name="explain">Builds <see cref="Explanation"/> when something reads it (eval, the admin explain endpoint):
    /// formatting five probabilities for every message cost more than the rest of the decision's allocations.</param>
    public IntentDecision(ShopperIntent intent, double confidence, EscalationTrigger trigger, string? cue, IntentScores scores, Func<string> explain)
        : this(intent, confidence, trigger, cue, scores) => _explain = explain;

    /// <summary>Short English explanation (which of the model and a lexicon decided, with the scores); built on first read.</summary>
    public string Explanation => _explanation ??= _explain?.Invoke() ?? "";

    public bool IsHandoff => Intent is ShopperIntent.AfterSales or ShopperIntent.Complaint or ShopperIntent.Human;

    public HandoffReason? Reason => Intent switch
    {
        ShopperIntent.AfterSales => HandoffReason.AfterSales,
        ShopperIntent.Complaint => HandoffReason.Complaint,
        ShopperIntent.Human => HandoffReason.Human,
        _ => null,
    };
}

/// <summary>
/// Combines the trained classifier with the hand lexicons (<see cref="EscalationDetector"/>, the other-platform and
/// job-seeker lexicons of <see cref="OutOfScopeDetector"/>). A lexicon hit is evidence, not a verdict: each cue's
/// confidence is its measured precision on the training corpus (how often a line containing that cue has the
/// cue's intent, smoothed towards its lexicon's precision), so 售后 in 售后几点上班 or 假货 in 假货怎么分辨 weighs what
/// the data says it weighs. When the lexicon and the model disagree, the more confident one decides. Built once
/// per classifier; thread-safe (read-only after construction).
/// </summary>
public sealed class IntentDecider
{
    private const double Smoothing = 4;
    private static readonly Lazy<IntentDecider> LazyShared = new(() => new IntentDecider(IntentClassifier.Shared));

    private readonly IntentClassifier _classifier;
    private readonly Dictionary<(EscalationTrigger, string), double> _cueConfidence = [];
    // Keyed by trigger and lexicon (Escalation.Rule): a new lexicon's hits do not move the prior of the old ones.
    private readonly Dictionary<(EscalationTrigger, string), double> _lexiconConfidence = [];
    private readonly Dictionary<(EscalationTrigger, string), string> _ruleOfCue = [];

    public IntentDecider(IntentClassifier classifier, IEnumerable<IntentExample>? calibration = null)
    {
        _classifier = classifier;
        Calibrate(calibration ?? IntentCorpus.Training(IntentCorpus.Shipped));
    }

    /// <summary>The decider of this process (the shared classifier, calibrated on the shipped corpus's training part).</summary>
    public static IntentDecider Shared => LazyShared.Value;

    public IntentDecision Decide(NormalizedText text)
    {
        // One lexicon view for the model and every lexicon (a regex replace over the message each time otherwise).
        var lexiconText = LexiconText.Of(text);
        var scores = _classifier.Predict(lexiconText);
        var rule = Lexicon(lexiconText);
        if (rule is null)
            return new IntentDecision(scores.Top, scores.Confidence, TriggerFor(scores.Top), null, scores, () => $"model: {scores}");

        var (intent, trigger, cue, isFact, _) = rule.Value;
        var confidence = Confidence(trigger, cue, rule.Value.Lexicon);
        if (isFact || scores.Top == intent || confidence >= scores.Confidence)
        {
            return new IntentDecision(intent, Math.Max(confidence, scores[intent]), trigger, cue, scores,
                () => $"lexicon '{cue}' ({confidence:F2}) over model: {scores}");
        }
        return new IntentDecision(scores.Top, scores.Confidence, TriggerFor(scores.Top), null, scores,
            () => $"model ({scores}) over lexicon '{cue}' ({confidence:F2})");
    }

    /// <summary>The confidence a lexicon cue carries: its smoothed precision on the calibration corpus.</summary>
    public double Confidence(EscalationTrigger trigger, string cue, string lexicon = "")
    {
        if (_cueConfidence.TryGetValue((trigger, cue), out var c)) return c;
        return _lexiconConfidence.GetValueOrDefault((trigger, _ruleOfCue.GetValueOrDefault((trigger, cue), lexicon)),
            _lexiconConfidence.GetValueOrDefault((trigger, ""), 0.8));
    }

    /// <summary>
    /// The first lexicon cue in the message. <c>IsFact</c>: a cue the model cannot outweigh (a purchase on another
    /// platform: the shop cannot see that order, whatever happened to it).
    /// </summary>
    private static (ShopperIntent Intent, EscalationTrigger Trigger, string Cue, bool IsFact, string Lexicon)? Lexicon(LexiconText text)
    {
        // Bought on another platform: not this store's case, whatever happened to the item (labelling rules).
        if (OutOfScopeDetector.DetectOtherPlatformPurchase(text.Text) is { } purchase && EscalationDetector.DetectComplaint(text) is null)
            return (ShopperIntent.OutOfScope, EscalationTrigger.None, purchase, true, "other-platform");
        var found = EscalationDetector.Detect(text);
        // 售后几点上班, 人工客服周末在吗: the hours of the agents or the after-sales team, asked; not a request for them
        // (a complaint or a concrete case in the same message still wins).
        if ((found is null || found.Reason is HandoffReason.Human || found.Cue == "售后")
            && EscalationDetector.DetectAgentAvailabilityQuestion(text) is { } hours)
            return (ShopperIntent.Question, EscalationTrigger.None, hours, true, "agent-hours");
        // 地址得换一下 还没发吧: changing an unshipped order's details is the change-address FAQ's, not an exchange.
        if (found is null && EscalationDetector.DetectOrderDetailsChange(text) is { } change)
            return (ShopperIntent.Question, EscalationTrigger.None, change, false, "order-details-change");
        if (found is { } escalation)
        {
            var intent = escalation.Reason switch
            {
                HandoffReason.AfterSales => ShopperIntent.AfterSales,
                HandoffReason.Complaint => ShopperIntent.Complaint,
                _ => ShopperIntent.Human,
            };
            return (intent, escalation.Trigger, escalation.Cue, false, escalation.Rule);
        }
        if (OutOfScopeDetector.DetectNotForThisStore(text.Text) is { } cue)
            return (ShopperIntent.OutOfScope, EscalationTrigger.None, cue, false, "not-for-this-store");
        return null;
    }

    private void Calibrate(IEnumerable<IntentExample> examples)
    {
        var perCue = new Dictionary<(EscalationTrigger, string), (int Hits, int Right)>();
        var perLexicon = new Dictionary<(EscalationTrigger, string), (int Hits, int Right)>();
        foreach (var example in examples)
        {
            if (Lexicon(LexiconText.Of(ChineseNormalizer.Normalize(example.Text))) is not { } rule) continue;
            var right = rule.Intent == example.Intent ? 1 : 0;
            var c = perCue.GetValueOrDefault((rule.Trigger, rule.Cue));
            perCue[(rule.Trigger, rule.Cue)] = (c.Hits + 1, c.Right + right);
            var l = perLexicon.GetValueOrDefault((rule.Trigger, rule.Lexicon));
            perLexicon[(rule.Trigger, rule.Lexicon)] = (l.Hits + 1, l.Right + right);
            _ruleOfCue.TryAdd((rule.Trigger, rule.Cue), rule.Lexicon);
        }
        foreach (var (key, (hits, right)) in perLexicon)
            _lexiconConfidence[key] = (right + 1.0) / (hits + 2.0);
        foreach (var ((trigger, cue), (hits, right)) in perCue)
            _cueConfidence[(trigger, cue)] = (right + Smoothing * _lexiconConfidence[(trigger, _ruleOfCue[(trigger, cue)])]) / (hits + Smoothing);
    }

    private static EscalationTrigger TriggerFor(ShopperIntent intent) => intent switch
    {
        ShopperIntent.AfterSales => EscalationTrigger.AfterSales,
        ShopperIntent.Complaint => EscalationTrigger.Complaint,
        ShopperIntent.Human => EscalationTrigger.HumanRequested,
        _ => EscalationTrigger.None,
    };
}
