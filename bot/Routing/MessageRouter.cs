using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using ChatSupport.Bot.Knowledge;
using ChatSupport.Bot.Knowledge.Matching;
using ChatSupport.Bot.Knowledge.Normalization;
using ChatSupport.Bot.Routing.Intent;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.Routing;

/// <summary>
/// The per-message decision, identical in the live bot and the eval command:
/// every stage reads the normalised text (<see cref="ChineseNormalizer"/>: folded script, width and case, chat-window
/// noise stripped, typos of service words fixed); greeting/empty → fallback; spam → fallback; the intent
/// (<see cref="IntentDecider"/>: trained classifier plus calibrated lexicons) → handoff for a complaint, an after-sales
/// case or a request for a person, fallback for out of scope unless the matcher is confident; otherwise the FAQ
/// matcher decides answer / clarify / fallback by thresholds; repeated fallbacks → handoff to a person.
/// </summary>
public sealed partial class MessageRouter(IKnowledgeSource knowledge, IOptions<RoutingOptions> routingOptions, IOptions<KnowledgeOptions> knowledgeOptions)
    : IMessageRouter
{
    private readonly RoutingOptions _options = routingOptions.Value;
    private readonly MatcherWeights _weights = knowledgeOptions.Value.Matcher;
    private readonly ConcurrentDictionary<string, int> _answered = new(StringComparer.Ordinal);

    public RoutingDecision Route(string text, RoutingContext context)
    {
        var decision = Preview(text, context);
        if (decision is { Route: Routing.Route.Answer, FaqId: { } faqId }) _answered.AddOrUpdate(faqId, 1, (_, n) => n + 1);
        return decision;
    }

    public RoutingDecision Preview(string text, RoutingContext context)
    {
        var (decision, _) = Decide(text, context, withEvidence: false);
        return decision.Route is Routing.Route.Answer || decision is { Route: Routing.Route.Handoff, Reason: HandoffContract.HandoffReason.AfterSales, Trigger: not EscalationTrigger.RepeatedFallback }
            ? WithSecondAnswer(decision)
            : decision;
    }

    /// <summary>The decision plus the top candidates with their evidence (admin "test a question"; not counted as asked).</summary>
    public (RoutingDecision Decision, IReadOnlyList<MatchCandidate> Candidates) Explain(string text, RoutingContext context) =>
        Decide(text, context, withEvidence: true);

    private (RoutingDecision Decision, IReadOnlyList<MatchCandidate> Candidates) Decide(string text, RoutingContext context, bool withEvidence)
    {
        var normalized = ChineseNormalizer.Normalize(text);
        var content = normalized.Content;
        var snapshot = knowledge.Current;
        var index = snapshot.Index;
        var thresholds = ThresholdsFor(snapshot.Calibration);
        if (normalized.IsEmpty || IsOnlyMasks(content))
            return (Fallback(0, "empty, greeting or only a number", normalized, [], context), []);
        if (OutOfScopeDetector.DetectSpam(normalized) is { } spam)
            return (Fallback(0, spam, normalized, [], context), []);
        // 好的 / 嗯嗯 / 谢谢 / ？ ask nothing: matched as words, 好 found 会员有什么好处 (the dialogue replies in kind).
        if (SmallTalk.Classify(text, normalized) is not SmallTalkKind.None and var smallTalk)
            return (Fallback(0, () => "small talk: " + smallTalk, normalized, [], context), []);
        // The whole message is matched at most once per decision: the intent gates below and the FAQ stage share it.
        IReadOnlyList<MatchCandidate>? whole = null;
        IReadOnlyList<MatchCandidate> Whole() => whole ??= FaqMatcher.Match(index, content, 5, _weights, withEvidence);
        // Intent: the trained classifier with the lexicons as calibrated evidence (IntentDecider). A request for a
        // person, a complaint and an after-sales case are never answered with an FAQ.
        var intent = IntentDecider.Shared.Decide(normalized);
        // The model alone (no lexicon cue) must be surer when an FAQ matches the message well: a symptom in a how-to
        // question (咋回事, 正常吗) reads like a case to the model, and the store's own FAQ says it is a question.
        // A general question (how-to, is-it-normal) that points at no item of the shopper's own is the FAQ's by the
        // labelling rules: the model alone must then clear the higher bar for an after-sales case even when no FAQ
        // matches well (the matcher then answers, clarifies or falls back, and repeated fallbacks reach a person).
        var generalAsk = intent is { Cue: null, Intent: ShopperIntent.AfterSales } && IsGeneralQuestionWithoutOwnCase(normalized);
        if (intent.IsHandoff && (intent.Cue is not null
            || (intent.Confidence >= _options.IntentHandoffMinConfidence
                && (intent.Confidence >= (intent.Intent is ShopperIntent.AfterSales ? _options.IntentOverFaqMinConfidence : _options.PriorityIntentOverFaqMinConfidence)
                    || (!generalAsk && !MatcherIsConfident(Whole(), thresholds.Answer))))))
        {
            return (new RoutingDecision(Routing.Route.Handoff, Math.Round(intent.Confidence, 4))
            {
                Reason = intent.Reason,
                Trigger = intent.Trigger,
                ExplainWith = () => intent.Explanation,
                NormalizedText = content,
            }, []);
        }
        // Several things in one message (a FAQ question, then a complaint or a request for a person): the whole message
        // reads as the question, so each clause is read on its own too, and a clear complaint or request wins.
        if (PriorityClause(content) is { } clauseIntent)
        {
            return (new RoutingDecision(Routing.Route.Handoff, Math.Round(clauseIntent.Confidence, 4))
            {
                Reason = clauseIntent.Reason,
                Trigger = clauseIntent.Trigger,
                ExplainWith = () => "one clause: " + clauseIntent.Explanation,
                NormalizedText = content,
            }, []);
        }
        // Out of scope (greeting, chit-chat, another shop): fall back, unless the matcher is sure it is a store question.
        // A bare topic word (茶壶, 发票) is the matcher's to judge: the model has nothing to read in it. A short message
        // the model is sure of (人呢) is a ping: the matcher's weak hits on one character would offer unrelated FAQs.
        // A lexicon's out of scope (another platform, a job seeker) is a fact about the message, not a guess.
        if (intent.Intent is ShopperIntent.OutOfScope
            && (intent.Cue is not null || ((content.Length > _options.BareTopicMaxLength || intent.Confidence >= _options.ShortOutOfScopeMinConfidence)
                && !MatcherIsConfident(Whole(), _options.OutOfScopeAnswerThreshold))))
            return (Fallback(0, () => "out of scope: " + intent.Explanation, normalized, [], context), []);

        var candidates = Whole();
        // Two questions in one message: the first one is the one to answer, when it is clear on its own.
        if (FirstClause(content) is { } first)
        {
            var firstCandidates = FaqMatcher.Match(index, first, 5, _weights, withEvidence);
            if (firstCandidates.Count > 0 && firstCandidates[0].Score >= thresholds.Answer)
                candidates = firstCandidates;
        }
        else if (!(candidates.Count > 0 && candidates[0].Score >= thresholds.Answer) && QuestionClause(index, content, thresholds, withEvidence) is { } clause)
        {
            candidates = clause;
        }
        return (DecideFromCandidates(candidates, normalized, context, thresholds), candidates);
    }

    /// <summary>
    /// Several questions in one message: the clause (at most twelve, each asking something) that an FAQ other than the
    /// one answered matches clearly on its own, and that the intent stage reads as a question, is answered too.
    /// </summary>
    private RoutingDecision WithSecondAnswer(RoutingDecision decision)
    {
        var content = decision.NormalizedText;
        var clauses = SecondQuestion().Replace(content, " ").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (clauses.Length < 2 || clauses.Length > 12) return decision;
        var snapshot = knowledge.Current;
        var thresholds = ThresholdsFor(snapshot.Calibration);
        foreach (var clause in clauses)
        {
            if (clause.Length < 4 || !QuestionCue().IsMatch(clause)) continue;
            var found = FaqMatcher.Match(snapshot.Index, clause, 2, _weights, withEvidence: false);
            if (found.Count == 0 || found[0].Faq.Id == decision.FaqId || found[0].Penalty < 1 || !MatcherIsConfident(found, thresholds.Answer)) continue;
            if (IntentDecider.Shared.Decide(ChineseNormalizer.Normalize(clause)).Intent is not ShopperIntent.Question) continue;
            return decision with
            {
                AlsoAnswer = new RouteCandidate(found[0].Faq.Id, found[0].Faq.Title, Math.Round(found[0].Score, 4)),
                AlsoAnswerMarkdown = found[0].Faq.AnswerMarkdown,
            };
        }
        return decision;
    }

    /// <summary>
    /// The first clause of a several-clause message (two to eight, each of four characters or more) that the intent
    /// stage reads as a complaint or a request for a person on its own, with the model as sure as it must be to
    /// override a matching FAQ (<see cref="RoutingOptions.PriorityIntentOverFaqMinConfidence"/>).
    /// </summary>
    private IntentDecision? PriorityClause(string content)
    {
        var clauses = content.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (clauses.Length is < 2 or > 8) return null;
        foreach (var clause in clauses)
        {
            if (clause.Length < 4) continue;
            var normalizedClause = ChineseNormalizer.Normalize(clause);
            // A how-to or is-it-X clause (怎么分辨是不是假货) is another question, not a complaint or a request added to it.
            if ((IntentFeatures.CuesOf(normalizedClause.Folded) & OwnCaseCues.GeneralQuestion) != 0) continue;
            var decision = IntentDecider.Shared.Decide(normalizedClause);
            // The model must say so on the clause itself: a lexicon cue alone (假货 in 怕买到假货) was already weighed
            // against the model on the whole message.
            if (decision.Intent is ShopperIntent.Complaint or ShopperIntent.Human && decision.Scores.Top == decision.Intent
                && decision.Scores.Confidence >= _options.PriorityIntentOverFaqMinConfidence)
                return decision;
        }
        return null;
    }

    private static bool IsGeneralQuestionWithoutOwnCase(NormalizedText normalized) =>
        IntentFeatures.CuesOf(normalized.Folded) == OwnCaseCues.GeneralQuestion;

    private bool MatcherIsConfident(IReadOnlyList<MatchCandidate> best, double threshold)
    {
        return best.Count > 0 && best[0].Score >= threshold
            && best[0].Score - (best.Count > 1 ? best[1].Score : 0) >= _options.AnswerMargin;
    }

    /// <summary>The thresholds in force: each explicit Routing setting, else what the folder's calibration learnt.</summary>
    private readonly record struct Thresholds(double Answer, double Clarify, double Suggest, double Lead, double Evidence);

    private BelowThresholdAnswerRule Evidence => _evidence ??= BelowThresholdAnswerRule.Evidence(_options.EvidenceLeadRatio, _options.EvidenceMaxUnexplainedShare);
    private BelowThresholdAnswerRule? _evidence;

    private BelowThresholdAnswerRule Lead => _lead ??= BelowThresholdAnswerRule.Lead(_options.LeadRatio, _options.LeadMinContentShare);
    private BelowThresholdAnswerRule? _lead;

    private Thresholds ThresholdsFor(DecisionCalibration calibration)
    {
        var answer = _options.AnswerThreshold ?? calibration.Answer;
        var clarify = Math.Min(answer, _options.ClarifyThreshold ?? calibration.Clarify);
        // The lead is learnt below the learnt answer threshold; an answer threshold set by hand is the admin's bar for
        // every answer, so without an explicit lead threshold too the lead rule is then off.
        var lead = _options.LeadThreshold ?? (_options.AnswerThreshold is null ? calibration.LowestScoreFor(Lead) : answer);
        var evidence = _options.EvidenceThreshold ?? (_options.AnswerThreshold is null ? calibration.LowestScoreFor(Evidence) : answer);
        return new Thresholds(answer, clarify, Math.Min(clarify, _options.SuggestThreshold ?? calibration.Suggest), lead, evidence);
    }

    private RoutingDecision DecideFromCandidates(IReadOnlyList<MatchCandidate> candidates, NormalizedText normalized, RoutingContext context,
        Thresholds thresholds)
    {
        if (candidates.Count == 0) return Fallback(0, "no FAQ shares anything with the message", normalized, [], context);
        var best = candidates[0];
        var runnerUp = candidates.Count > 1 ? candidates[1].Score : 0;
        var routeCandidates = candidates.Select(c => new RouteCandidate(c.Faq.Id, c.Faq.Title, Math.Round(c.Score, 4))).ToList();
        RoutingDecision AnswerWithBest(Func<string> explanation) => new(Routing.Route.Answer, Math.Round(best.Score, 4))
        {
            FaqId = best.Faq.Id,
            AnswerMarkdown = best.Faq.AnswerMarkdown,
            Candidates = routeCandidates,
            ExplainWith = explanation,
            NormalizedText = normalized.Content,
        };
        if (best.Score >= thresholds.Answer && best.Score - runnerUp >= _options.AnswerMargin)
            return AnswerWithBest(() => $"best {best.Score:F3}, runner-up {runnerUp:F3}");
        // Below the answer threshold: one clean FAQ far ahead of the rest that explains the message's own subject words
        // is the answer; the context around the question only lowered its absolute score.
        if (best.Score < thresholds.Answer && best.Score >= thresholds.Lead && Lead.Holds(best, runnerUp))
            return AnswerWithBest(() => $"best {best.Score:F3} leads runner-up {runnerUp:F3} (content share {best.ContentShare:F2}; lead threshold {thresholds.Lead:F2})");
        // A clean FAQ well ahead of the rest that explains what the message is about (this replaced a band just below
        // the answer threshold, Routing:NearAnswerBand: with this rule the band decided no line of any set).
        if (best.Score < thresholds.Answer && best.Score >= thresholds.Evidence && Evidence.Holds(best, runnerUp))
            return AnswerWithBest(() => $"best {best.Score:F3} explains the message (unexplained {best.UnexplainedShare:F2}) and leads runner-up {runnerUp:F3} (evidence threshold {thresholds.Evidence:F3})");
        if (best.Score >= thresholds.Clarify)
        {
            var closeMatches = candidates
                .Where(c => c.Score >= Math.Max(thresholds.Clarify, best.Score - _options.ClarifyWindow))
                .Take(_options.MaxClarifyOptions)
                .ToList();
            // When the close FAQs share only the product with the message (羽绒服 + a question none of them covers),
            // offering them would be a guess among wrong answers: fall back instead.
            if (closeMatches.All(c => c.TopicCoverage <= 0))
            {
                return Fallback(best.Score, () => "the close FAQs only share the product name with the message", normalized,
                    routeCandidates, context);
            }
            var close = closeMatches.Select(c => new RouteCandidate(c.Faq.Id, c.Faq.Title, Math.Round(c.Score, 4))).ToList();
            return new RoutingDecision(Routing.Route.Clarify, Math.Round(best.Score, 4))
            {
                Candidates = close,
                ExplainWith = () => best.Score >= thresholds.Answer
                    ? $"best {best.Score:F3} and runner-up {runnerUp:F3} are too close"
                    : $"best {best.Score:F3} is below the answer threshold {thresholds.Answer:F2}",
                NormalizedText = normalized.Content,
            };
        }
        if (best.Score >= thresholds.Suggest && IsCleanMatch(best))
        {
            // A weak but clean match: offer it, and close neighbours nothing speaks against, rather than a blind fallback.
            var offered = candidates
                .Where(c => c.Penalty >= 1 && c.Score >= Math.Max(thresholds.Suggest, best.Score - _options.ClarifyWindow))
                .Take(_options.MaxClarifyOptions)
                .Select(c => new RouteCandidate(c.Faq.Id, c.Faq.Title, Math.Round(c.Score, 4)))
                .ToList();
            return new RoutingDecision(Routing.Route.Clarify, Math.Round(best.Score, 4))
            {
                Candidates = offered,
                ExplainWith = () => $"best {best.Score:F3} is below the clarify threshold but a clean match (coverage {best.Coverage:F2})",
                NormalizedText = normalized.Content,
            };
        }
        return Fallback(best.Score, () => $"best {best.Score:F3} is below the clarify threshold {thresholds.Clarify:F2}",
            normalized, routeCandidates, context);
    }

    private RoutingDecision Fallback(double score, string why, NormalizedText normalized, IReadOnlyList<RouteCandidate> nearest, RoutingContext context) =>
        Fallback(score, () => why, normalized, nearest, context);

    /// <param name="why">The explanation, built only when something reads it.</param>
    private RoutingDecision Fallback(double score, Func<string> why, NormalizedText normalized, IReadOnlyList<RouteCandidate> nearest, RoutingContext context)
    {
        score = Math.Round(Math.Clamp(score, 0, 1), 4);
        if (context.ConsecutiveFallbacks + 1 >= _options.FallbacksBeforeHandoff)
        {
            return new RoutingDecision(Routing.Route.Handoff, score)
            {
                Reason = HandoffContract.HandoffReason.Human,
                Trigger = EscalationTrigger.RepeatedFallback,
                Candidates = nearest,
                ExplainWith = () => $"{context.ConsecutiveFallbacks + 1} fallbacks in a row ({why()})",
                NormalizedText = normalized.Content,
            };
        }
        return new RoutingDecision(Routing.Route.Fallback, score)
        {
            Candidates = nearest,
            ExplainWith = why,
            NormalizedText = normalized.Content,
        };
    }

    /// <summary>The FAQ explains enough of the message and nothing in the message speaks against it.</summary>
    private bool IsCleanMatch(MatchCandidate candidate) =>
        candidate.Penalty >= 1 && candidate.Coverage >= _options.SuggestMinCoverage;

    public IReadOnlyList<RouteCandidate> QuickTopics(int count)
    {
        var faqs = knowledge.Current.Entries;
        if (count <= 0 || faqs.Count == 0) return [];
        // Most answered first; before anything was asked, one FAQ per category (in folder order) so the topics are varied.
        var ordered = faqs
            .Select((faq, position) => (faq, position, asked: _answered.GetValueOrDefault(faq.Id)))
            .OrderByDescending(x => x.asked)
            .ThenBy(x => faqs.Take(x.position).Any(f => f.Category == x.faq.Category) ? 1 : 0)
            .ThenBy(x => x.position)
            .Take(count);
        return ordered.Select(x => new RouteCandidate(x.faq.Id, x.faq.Title, 1)).ToList();
    }

    [GeneratedRegex("顺便|另外|还有个|还有一个|还想问|再问|对了|还有就是")]
    private static partial Regex SecondQuestion();

    [GeneratedRegex("[吗么呢嘛?？]|怎|什么|多少|多久|几|哪|能不能|可不可以|是不是|有没有|要不要|会不会|啥|咋|咪|唔|冇|未|[不没否]$")]
    private static partial Regex QuestionCue();

    /// <summary>
    /// Context around a clear question (a story before it, a compliment, a date, a destination) dilutes the whole
    /// message's match. The first clause that asks something and matches clearly on its own is the question; with
    /// several questions the first one wins.
    /// </summary>
    private IReadOnlyList<MatchCandidate>? QuestionClause(FaqIndex index, string content, Thresholds thresholds, bool withEvidence)
    {
        var clauses = content.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (clauses.Length < 2 || clauses.Length > 12) return null;
        foreach (var clause in clauses)
        {
            if (clause.Length < 4 || !QuestionCue().IsMatch(clause)) continue;
            var found = FaqMatcher.Match(index, clause, 5, _weights, withEvidence);
            if (found.Count > 0 && found[0].Score >= thresholds.Answer && found[0].Penalty >= 1) return found;
        }
        return null;
    }

    /// <summary>
    /// The part before a second-question marker, when it asks something itself: 另外 in 沙发要另外付运费不 means
    /// "extra", and the 推车要 before it is no question to answer.
    /// </summary>
    private static string? FirstClause(string content)
    {
        var match = SecondQuestion().Match(content);
        if (!match.Success || match.Index < 2) return null;
        var first = content[..match.Index].Trim();
        return QuestionCue().IsMatch(first) ? first : null;
    }

    private static bool IsOnlyMasks(string content) =>
        content.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(w =>
            w is ChineseNormalizer.OrderNumberToken or ChineseNormalizer.PhoneNumberToken or ChineseNormalizer.TrackingNumberToken
            || w.All(c => char.IsAsciiDigit(c) || c is '.' or '-'));
}
