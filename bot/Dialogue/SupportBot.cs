using ChatSupport.Bot.Protocol;
using ChatSupport.Bot.Routing;
using Route = ChatSupport.Bot.Routing.Route;

namespace ChatSupport.Bot.Dialogue;

/// <summary>
/// The store's bot: greets on join with the most asked topics, answers FAQ questions, asks which
/// one when unsure, and hands over to a person when the router says so (or the shopper asks).
/// </summary>
public sealed class SupportBot(IMessageRouter router, ILogger<SupportBot> logger) : ActivityHandler
{
    private const string GreetedKey = "greeted";
    private const string ConsecutiveFallbacksKey = "consecutiveFallbacks";

    protected override Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> members, TurnContext turn, CancellationToken cancellationToken) =>
        GreetOnceAsync(turn, cancellationToken);

    protected override Task OnEventAsync(TurnContext turn, CancellationToken cancellationToken) =>
        turn.Activity.Name switch
        {
            // Pages may also announce themselves (Web Chat's community convention); greet once either way.
            "webchat/join" => GreetOnceAsync(turn, cancellationToken),
            _ => Task.CompletedTask,
        };

    private async Task GreetOnceAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.ConversationState.Get<bool>(GreetedKey)) return;
        turn.ConversationState.Set(GreetedKey, true);
        await turn.SendTextAsync(BotWording.Greeting, cancellationToken, QuickTopicButtons(), replyToIncoming: false);
    }

    protected override async Task OnMessageAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var text = turn.Activity.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            await turn.SendTextAsync(BotWording.EmptyMessage, cancellationToken, QuickTopicButtons());
            return;
        }

        await turn.SendTypingAsync(cancellationToken);
        var fallbacks = turn.ConversationState.Get<int>(ConsecutiveFallbacksKey);
        var decision = router.Route(text, new RoutingContext(fallbacks));
        DialogueLog.Routed(logger, turn.Activity.Id, decision.Route, decision.FaqId, decision.Score);

        switch (decision.Route)
        {
            case Route.Answer:
                turn.ConversationState.Set(ConsecutiveFallbacksKey, 0);
                await turn.SendTextAsync(decision.AnswerMarkdown ?? "", cancellationToken);
                break;
            case Route.Clarify:
                turn.ConversationState.Set(ConsecutiveFallbacksKey, 0);
                await turn.SendTextAsync(BotWording.Clarify, cancellationToken,
                    decision.Candidates.Take(3).Select(c => CardAction.ImBack(c.Title)).Append(CardAction.ImBack(BotWording.NoneOfTheseHuman)));
                break;
            case Route.Handoff:
                turn.ConversationState.Set(ConsecutiveFallbacksKey, 0);
                await turn.SendTextAsync(BotWording.HandoffPending, cancellationToken, textFormat: "plain");
                break;
            default:
                turn.ConversationState.Set(ConsecutiveFallbacksKey, fallbacks + 1);
                await turn.SendTextAsync(BotWording.Fallback, cancellationToken, QuickTopicButtons());
                break;
        }
    }

    private IEnumerable<CardAction> QuickTopicButtons() =>
        router.QuickTopics(4).Select(t => CardAction.ImBack(t.Title)).Append(CardAction.ImBack(BotWording.AskForHuman));
}
