using System.ComponentModel.DataAnnotations;

namespace ChatSupport.Bot.Routing;

/// <summary>
/// Section "Routing": the decision thresholds. The answer, clarify and suggest thresholds are learnt from each
/// knowledge folder at load (<see cref="Knowledge.Matching.DecisionCalibrator"/>); a value set here overrides the
/// learnt one.
/// </summary>
public sealed class RoutingOptions
{
    public const string SectionName = "Routing";

    /// <summary>Answer when the best FAQ scores at least this...</summary>
    [Range(0.0, 1.0)]
    public double? AnswerThreshold { get; set; }

    /// <summary>...and leads the runner-up by at least this much (otherwise the two are "close": clarify).</summary>
    [Range(0.0, 1.0)]
    public double AnswerMargin { get; set; } = 0.02;

    /// <summary>Below the answer threshold but at least this: ask "did you mean…" with the close candidates.</summary>
    [Range(0.0, 1.0)]
    public double? ClarifyThreshold { get; set; }

    /// <summary>Candidates within this distance of the best one are offered in a clarify.</summary>
    [Range(0.0, 1.0)]
    public double ClarifyWindow { get; set; } = 0.08;

    /// <summary>
    /// Below the clarify threshold but at least this, a candidate is still offered ("您是想问…吗？") when it is a
    /// clean match: it explains at least <see cref="SuggestMinCoverage"/> of the message and nothing in the message
    /// speaks against it (no knowledge term it lacks, not merely the same product). Shoppers' wording often only
    /// echoes the answer text; asking is better than a fallback, and a wrong guess costs one tap.
    /// </summary>
    [Range(0.0, 1.0)]
    public double? SuggestThreshold { get; set; }

    [Range(0.0, 1.0)]
    public double SuggestMinCoverage { get; set; } = 0.30;

    /// <summary>
    /// Below the answer threshold, the best FAQ is still answered when it leads the runner-up by at least this ratio,
    /// is a clean match and shares a content word of the message (<see cref="Knowledge.Matching.BelowThresholdAnswerRule.Lead"/>); from a
    /// score learnt per folder (above the off-topic messages of that shape) unless <see cref="LeadThreshold"/> is set.
    /// </summary>
    [Range(1.0, 100.0)]
    public double LeadRatio { get; set; } = 1.5;

    /// <summary>Share of the message's evidence the led FAQ must explain with content pairs (see <see cref="LeadRatio"/>).</summary>
    [Range(0.0, 1.0)]
    public double LeadMinContentShare { get; set; } = 0.05;

    /// <summary>
    /// Overrides the learnt lowest score of a lead answer (1 turns the lead rule off). When <see cref="AnswerThreshold"/>
    /// is set and this is not, the lead rule is off: a hand-set answer threshold is the bar for every answer.
    /// </summary>
    [Range(0.0, 1.0)]
    public double? LeadThreshold { get; set; }

    /// <summary>
    /// Below the answer threshold, the best FAQ is answered when it explains what the message asks: it leaves at most
    /// <see cref="EvidenceMaxUnexplainedShare"/> of the message's salient words unexplained, nothing speaks against it,
    /// and it leads the runner-up by <see cref="EvidenceLeadRatio"/> (<see cref="Knowledge.Matching.BelowThresholdAnswerRule.Evidence"/>);
    /// from a score learnt per folder (above the off-topic messages of that shape) unless <see cref="EvidenceThreshold"/> is set.
    /// </summary>
    /// <remarks>
    /// 1.4 rather than the lead rule's 1.5: a question in other words than its FAQ's (公司报销要票 能开吗 for the invoice
    /// FAQ) leads by about 1.45, while dev2's neighbours and wrong-FAQ matches with this shape lead by 1.27–1.32
    /// (answered at 1.25). With 1.4 no set gains a wrong answer.
    /// </remarks>
    [Range(1.0, 100.0)]
    public double EvidenceLeadRatio { get; set; } = 1.4;

    [Range(0.0, 1.0)]
    public double EvidenceMaxUnexplainedShare { get; set; } = 0.6;

    /// <summary>
    /// Overrides the learnt lowest score of an evidence answer (1 turns the rule off). Off when
    /// <see cref="AnswerThreshold"/> is set and this is not, like <see cref="LeadThreshold"/>.
    /// </summary>
    [Range(0.0, 1.0)]
    public double? EvidenceThreshold { get; set; }

    [Range(1, 3)]
    public int MaxClarifyOptions { get; set; } = 3;

    /// <summary>
    /// The intent classifier alone (no lexicon cue) hands over only when at least this sure; below it the message is
    /// treated as a question and the FAQ matcher decides.
    /// </summary>
    [Range(0.0, 1.0)]
    public double IntentHandoffMinConfidence { get; set; } = 0.5;

    /// <summary>...and at least this sure when an FAQ matches the message at the answer threshold.</summary>
    [Range(0.0, 1.0)]
    public double IntentOverFaqMinConfidence { get; set; } = 0.9;

    /// <summary>
    /// ...except for a complaint or a request for a person, which are never answered with an FAQ: the model alone
    /// hands those over at this confidence even when an FAQ matches (a complaint names the FAQ topic it is about:
    /// 价保写的7天 你们不认). The how-to question that names a symptom, which the higher bar above guards against,
    /// reads as after-sales, not as either of these.
    /// </summary>
    [Range(0.0, 1.0)]
    public double PriorityIntentOverFaqMinConfidence { get; set; } = 0.75;

    /// <summary>
    /// A message the intent stage calls out of scope is still answered when the best FAQ scores at least this (and
    /// leads by the answer margin): a clear store question wrapped in chit-chat is still a store question.
    /// </summary>
    [Range(0.0, 1.0)]
    public double OutOfScopeAnswerThreshold { get; set; } = 0.4;

    /// <summary>Messages this short (after fillers) are left to the matcher even when the model calls them out of scope.</summary>
    [Range(0, 20)]
    public int BareTopicMaxLength { get; set; } = 4;

    /// <summary>
    /// A message no longer than <see cref="BareTopicMaxLength"/> that the model alone calls out of scope at least this
    /// surely (人呢, 客服人呢: a ping, not a topic word) falls back unless the matcher is confident; below it the matcher
    /// judges as for a bare topic word (茶壶, 发票), where the model has little to read.
    /// </summary>
    [Range(0.0, 1.0)]
    public double ShortOutOfScopeMinConfidence { get; set; } = 0.75;

    /// <summary>Consecutive fallbacks (including the current one) after which the conversation goes to a person.</summary>
    [Range(1, 10)]
    public int FallbacksBeforeHandoff { get; set; } = 2;
}
