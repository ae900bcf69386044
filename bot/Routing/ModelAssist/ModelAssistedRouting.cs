using System.Diagnostics;
using ChatSupport.Bot.Knowledge;
using ChatSupport.HandoffContract;

namespace ChatSupport.Bot.Routing.ModelAssist;

/// <summary>
/// The model step after the offline decision, the same in the live bot and the eval command. A low-confidence
/// decision (clarify, a fallback with candidates, a low-confidence handoff) goes to the model, which picks one of
/// the candidate FAQs, a handoff reason or fallback; anything else (a reply outside that set, an error, no reply in
/// time) keeps the offline decision. Confident decisions, and every decision when no model is configured, pass
/// through untouched without a network call.
/// </summary>
public sealed class ModelAssistedRouting(
    ModelRouteChooser? chooser,
    IKnowledgeSource knowledge,
    ModelAssistOptions options,
    RoutingOptions routingOptions,
    ILogger<ModelAssistedRouting> logger)
{
    public bool Enabled => chooser is not null;

    /// <summary>The offline decision is one the model may revise.</summary>
    public bool IsLowConfidence(RoutingDecision offline) => offline.Route switch
    {
        Route.Clarify => offline.Candidates.Count > 0,
        Route.Fallback => offline.Candidates.Count > 0,
        Route.Handoff => !IsProtected(offline) && offline.Score < options.LowConfidenceHandoffBelow,
        _ => false,
    };

    /// <summary>A request for a person or a complaint decided with high confidence: never overridden, never even asked about.</summary>
    public bool IsProtected(RoutingDecision offline) =>
        offline is { Route: Route.Handoff, Reason: HandoffReason.Human or HandoffReason.Complaint }
        && offline.Trigger is not EscalationTrigger.RepeatedFallback
        && offline.Score >= options.ProtectedHandoffConfidence;

    public ValueTask<RoutingDecision> DecideAsync(string text, RoutingDecision offline, RoutingContext context, CancellationToken cancellationToken) =>
        chooser is null || !IsLowConfidence(offline)
            ? ValueTask.FromResult(offline)
            : new ValueTask<RoutingDecision>(AskModelAsync(chooser, text, offline, context, cancellationToken));

    private async Task<RoutingDecision> AskModelAsync(ModelRouteChooser model, string text, RoutingDecision offline, RoutingContext context,
        CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var snapshot = knowledge.Current;
        var choices = new ModelRouteChoices(offline.Candidates.Where(c => snapshot.Find(c.FaqId) is not null).ToList());
        var result = await model.ChooseAsync(text, choices, snapshot.Find, cancellationToken);
        if (result.Choice is not { } choice)
        {
            ModelAssistLog.ChoiceRejected(logger, offline.Route, watch.ElapsedMilliseconds, result.Failure ?? "");
            return offline;
        }
        var decision = Apply(choice, offline, context, snapshot);
        ModelAssistLog.Chose(logger, choice, offline.Route, decision.Route, watch.ElapsedMilliseconds);
        return decision;
    }

    /// <summary>The decision for a choice from the allowed set.</summary>
    internal RoutingDecision Apply(string choice, RoutingDecision offline, RoutingContext context, KnowledgeSnapshot snapshot)
    {
        var because = $"model chose '{choice}' over {offline.Route.ToString().ToLowerInvariant()} ({offline.Explanation})";
        if (HandoffReasonNames.FromWireName(choice) is { } reason)
        {
            if (offline is { Route: Route.Handoff } && offline.Reason == reason) return offline;
            return new RoutingDecision(Route.Handoff, offline.Score)
            {
                Reason = reason,
                Trigger = reason switch
                {
                    HandoffReason.Complaint => EscalationTrigger.Complaint,
                    HandoffReason.AfterSales => EscalationTrigger.AfterSales,
                    _ => EscalationTrigger.HumanRequested,
                },
                Candidates = offline.Candidates,
                Explanation = because,
                NormalizedText = offline.NormalizedText,
            };
        }
        if (choice == ModelRouteChoices.Fallback)
        {
            // Already a fallback, or a handoff after repeated fallbacks (one more fallback would not help the shopper).
            if (offline.Route is Route.Fallback || offline.Trigger is EscalationTrigger.RepeatedFallback) return offline;
            if (context.ConsecutiveFallbacks + 1 >= routingOptions.FallbacksBeforeHandoff)
            {
                return new RoutingDecision(Route.Handoff, offline.Score)
                {
                    Reason = HandoffReason.Human,
                    Trigger = EscalationTrigger.RepeatedFallback,
                    Candidates = offline.Candidates,
                    Explanation = $"{context.ConsecutiveFallbacks + 1} fallbacks in a row ({because})",
                    NormalizedText = offline.NormalizedText,
                };
            }
            return new RoutingDecision(Route.Fallback, offline.Score)
            {
                Candidates = offline.Candidates,
                Explanation = because,
                NormalizedText = offline.NormalizedText,
            };
        }
        // An FAQ id from the set; the FAQ could have been removed by a reload since, and a protected handoff never
        // becomes an answer (it is not sent to the model; this holds even if a caller bypasses that).
        if (snapshot.Find(choice) is not { } faq || IsProtected(offline)) return offline;
        return new RoutingDecision(Route.Answer, offline.Score)
        {
            FaqId = faq.Id,
            AnswerMarkdown = faq.AnswerMarkdown,
            Candidates = offline.Candidates,
            Explanation = because,
            NormalizedText = offline.NormalizedText,
        };
    }
}
