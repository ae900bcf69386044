using ChatSupport.Bot.Protocol;
using ChatSupport.Bot.Routing.ModelAssist;
using ChatSupport.HandoffContract;

namespace ChatSupport.Bot.Routing;

/// <summary>
/// Every routing decision a turn asks for, beside the matcher itself: which buttons mean what, whether a reply to an
/// open question (survey comment, intake prompt) is a new question instead, and the decision for a message (a person
/// asked for by button, otherwise the router with the optional model step). Dialogue and Handoff ask here and never
/// read a button's text or the router's preview themselves.
/// </summary>
public sealed class ShopperRoutes(IMessageRouter router, ModelAssistedRouting modelAssist)
{
    /// <summary>The shopper pressed (or typed) a button that asks for a person.</summary>
    public static bool AsksForPerson(TurnContext turn, string text) =>
        turn.IsButton(text, ReplyWording.TalkToPersonButton) || turn.IsButton(text, RoutingButtons.NoneOfTheseHuman);

    /// <summary>A queued shopper no longer wants to wait (the button, or saying so).</summary>
    public static bool LeavesQueue(TurnContext turn, string text) =>
        turn.IsButton(text, RoutingButtons.LeaveQueue) || text is "取消排队" or "取消排隊" or "不用了";

    /// <summary>The text is a question the bot would answer or hand over (not a comment on what it asked).</summary>
    public bool IsNewQuestion(string text) => router.Preview(text, RoutingContext.FirstMessage).Route is Route.Answer or Route.Handoff;

    /// <summary>Nothing better than a fallback for the text (so small talk such as 好的 is answered in kind).</summary>
    public bool WouldFallBack(string text) => router.Preview(text, RoutingContext.FirstMessage).Route == Route.Fallback;

    /// <summary>During an intake, a complaint or a request for a person hands over at once (with what was gathered).</summary>
    public HandoffReason? InterruptingReason(string text) =>
        router.Preview(text, RoutingContext.FirstMessage) is { Route: Route.Handoff, Reason: HandoffReason.Complaint or HandoffReason.Human } d ? d.Reason : null;

    /// <summary>What to do with the message: a person when a button asked for one, otherwise the router (and the model step for a doubtful decision).</summary>
    public async Task<RoutingDecision> DecideAsync(TurnContext turn, string text, RoutingContext context, CancellationToken cancellationToken) =>
        AsksForPerson(turn, text)
            ? new RoutingDecision(Route.Handoff, 1) { Reason = HandoffReason.Human }
            : await modelAssist.DecideAsync(text, router.Route(text, context), context, cancellationToken);

    /// <summary>The most asked topics and a way to a person, under a greeting, a fallback or small talk.</summary>
    public IEnumerable<CardAction> QuickTopicButtons() =>
        router.QuickTopics(4).Select(t => CardAction.ImBack(t.Title)).Append(CardAction.ImBack(ReplyWording.TalkToPersonButton));

    /// <summary>The clarify list: up to three candidate questions and none-of-these.</summary>
    public static IEnumerable<CardAction> ClarifyButtons(RoutingDecision decision) =>
        decision.Candidates.Take(3).Select(c => CardAction.ImBack(c.Title)).Append(CardAction.ImBack(RoutingButtons.NoneOfTheseHuman));

    /// <summary>Under a reply the bot could not act on (a photo alone): a way to a person.</summary>
    public static IEnumerable<CardAction> PersonButton() => [CardAction.ImBack(ReplyWording.TalkToPersonButton)];
}
