using ChatSupport.Bot.Dialogue.Intake;
using ChatSupport.Bot.Handoff;
using ChatSupport.Bot.Knowledge.Rephrasing;
using ChatSupport.Bot.Orders.Answers;
using ChatSupport.Bot.Protocol;
using ChatSupport.Bot.Routing;
using ChatSupport.Bot.Routing.Intent;
using ChatSupport.Bot.Routing.Unanswered;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffContract.Keys;
using StackExchange.Redis;
using Route = ChatSupport.Bot.Routing.Route;

namespace ChatSupport.Bot.Dialogue;

/// <summary>
/// The store's bot: greets on join with the most asked topics, answers FAQ questions, asks which
/// one when unsure, falls back politely with a way forward, and hands over to a person when the
/// router says so; while a person is in charge it only relays. With a model configured (ModelAssist), low-confidence
/// decisions are put to it and answers are rephrased from the FAQ text; without one both steps pass through.
/// </summary>
public sealed class SupportBot(
    ShopperRoutes routes,
    AnswerRephraser rephraser,
    IUnansweredQuestionLog unanswered,
    HandoffQueue handoffQueue,
    HandoffEscalation escalation,
    AgentChat agentChat,
    RelayedEventDelivery relayedEvents,
    SatisfactionSurvey survey,
    LeaveMessage leaveMessage,
    TurnTranscript transcript,
    BotDailyCounters counters,
    OrderQuestions orderQuestions,
    AfterSalesIntake intake,
    ILogger<SupportBot> logger) : ActivityHandler
{
    private const string GreetedKey = "greeted";
    private const string ConsecutiveFallbacksKey = "consecutiveFallbacks";
    private const string LastRouteKey = "lastRoute";

    /// <summary>A shopper's message starts by asking whether a person is in charge: read with the turn lock, not after it.</summary>
    public override async Task<ConversationStatus?> ReadHandoffStatusAsync(IDatabaseAsync batch, Activity activity) =>
        activity.IsType(ActivityTypes.Message) ? await handoffQueue.GetStatusAsync(batch, ConversationKey.Of(activity)) : null;

    public override async Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ShopperScript.Apply(turn);
        await base.OnTurnAsync(turn, cancellationToken);
        if (!turn.Activity.IsType(ActivityTypes.Typing)) await transcript.FlushTranscriptAtTurnEndAsync(turn);
    }

    protected override Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> members, TurnContext turn, CancellationToken cancellationToken) =>
        GreetOnceAsync(turn, cancellationToken);

    protected override Task OnEventAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.Activity.InternalPayload is RelayedEvent relayed) return relayedEvents.HandleRelayedAsync(turn, relayed, cancellationToken);
        if (turn.Activity.InternalPayload is IntakeStalled) return intake.HandleStalledAsync(turn, cancellationToken);
        return turn.Activity.Name switch
        {
            // Pages may also announce themselves (Web Chat's community convention); greet once either way.
            "webchat/join" => GreetOnceAsync(turn, cancellationToken),
            _ => Task.CompletedTask, // handoff.status from an external hub and unknown events: accepted, nothing to do
        };
    }

    protected override Task OnTypingAsync(TurnContext turn, CancellationToken cancellationToken) => agentChat.ForwardTypingAsync(turn);

    private async Task GreetOnceAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.ConversationState.Get<bool>(GreetedKey)) return;
        turn.ConversationState.Set(GreetedKey, true);
        counters.CountAtTurnEnd(turn, BotCounters.Conversations);
        await turn.SendTextAsync(BotWording.Greeting, cancellationToken, QuickTopicButtons(), textFormat: "plain", replyToIncoming: false);
    }

    protected override async Task OnMessageAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var text = turn.Activity.Text?.Trim() ?? "";
        if (await agentChat.TryForwardToAgentAsync(turn, text, cancellationToken)) return;
        // Replies the bot asked for in an earlier turn: a survey rating or comment, a message left for the team.
        if (text.Length > 0 && (await survey.TryAnswerAsync(turn, text, routes.IsNewQuestion, cancellationToken)
            || await leaveMessage.TryTakeAsync(turn, text, cancellationToken)))
            return;
        if (!turn.ConversationState.Get<bool>(GreetedKey))
        {
            // Channels without a join signal (some Emulator set-ups) still count the conversation once.
            turn.ConversationState.Set(GreetedKey, true);
            counters.CountAtTurnEnd(turn, BotCounters.Conversations);
        }
        // An after-sales intake prompt is open: this message (or photo) answers it, or ends it.
        if (await intake.TryContinueAsync(turn, text, routes.InterruptingReason, cancellationToken)) return;
        if (text.Length == 0 && turn.Activity.Attachments is { Count: > 0 })
        {
            await turn.SendTextAsync(ChatSupport.Bot.Attachments.AttachmentWording.ReceivedByBot, cancellationToken,
                ShopperRoutes.PersonButton(), textFormat: "plain");
            return;
        }
        if (text.Length == 0)
        {
            await turn.SendTextAsync(ReplyWording.EmptyMessage, cancellationToken, QuickTopicButtons(), textFormat: "plain");
            return;
        }

        // A signed-in shopper asking about their own parcel is answered from their order (bot/Orders); everyone else is routed as usual.
        var orderTurn = await orderQuestions.TryAnswerAsync(turn, text, cancellationToken);
        if (orderTurn.Handled) return;

        // 好的 / 嗯 / 谢谢 / 在吗 / ？ answer what the bot said last: reply in kind, not with a fallback that would count
        // towards a handoff. Only when routing has nothing better (好的 那几天能到 is a question).
        var smallTalk = ShopperSmallTalk.Classify(text);
        if (smallTalk != SmallTalkKind.None && routes.WouldFallBack(text))
        {
            DialogueLog.SmallTalk(logger, turn.Activity.Id, smallTalk);
            await turn.SendTextAsync(ShopperSmallTalk.ReplyTo(smallTalk, turn.ConversationState.Get<string>(LastRouteKey)), cancellationToken,
                QuickTopicButtons(), textFormat: "plain");
            return;
        }

        // Typing only when the turn is slow enough for the shopper to notice (e.g. an LLM rephrase);
        // a quick answer arrives before an indicator would even be drawn.
        using var typing = ShowTypingIfSlow(turn, cancellationToken);
        var fallbacks = turn.ConversationState.Get<int>(ConsecutiveFallbacksKey);
        var context = new RoutingContext(fallbacks);
        var decision = await routes.DecideAsync(turn, text, context, cancellationToken);
        DialogueLog.Routed(logger, turn.Activity.Id, decision.Route, decision.FaqId, decision.Score);
        turn.ConversationState.Set(LastRouteKey, decision.Route.ToString().ToLowerInvariant());

        switch (decision.Route)
        {
            case Route.Answer:
                turn.ConversationState.Set(ConsecutiveFallbacksKey, 0);
                counters.CountAtTurnEnd(turn, BotCounters.Answered);
                await turn.SendTextAsync(
                    rephraser.Enabled && decision.AnswerMarkdown is not null
                        ? await rephraser.RephraseAsync(text, decision, cancellationToken)
                        : decision.AnswerMarkdown ?? "",
                    cancellationToken);
                // A second question in the same message (发什么快递 几天能到) gets its FAQ's answer too, verbatim.
                if (decision.AlsoAnswerMarkdown is { Length: > 0 } second) await turn.SendTextAsync(second, cancellationToken);
                break;
            case Route.Clarify:
                turn.ConversationState.Set(ConsecutiveFallbacksKey, 0);
                counters.CountAtTurnEnd(turn, BotCounters.Clarified);
                await unanswered.RecordAsync(text, decision, cancellationToken);
                await turn.SendTextAsync(ReplyWording.For(decision), cancellationToken,
                    ShopperRoutes.ClarifyButtons(decision),
                    textFormat: "plain");
                break;
            case Route.Handoff:
                turn.ConversationState.Set(ConsecutiveFallbacksKey, 0);
                // 几天能到 另外上次的少了一件: the question is answered now, the case goes to a person.
                if (decision.AlsoAnswerMarkdown is { Length: > 0 } meanwhile) await turn.SendTextAsync(meanwhile, cancellationToken);
                if (ReplyWording.For(decision) is { Length: > 0 } before) await turn.SendTextAsync(before, cancellationToken, textFormat: "plain");
                // After-sales cases first gather the order, the problem and a photo; complaints and requests for a person go at once.
                if (decision.Reason == HandoffReason.AfterSales && intake.Enabled) await intake.StartAsync(turn, text, cancellationToken);
                else await escalation.EscalateAsync(turn, decision.Reason ?? HandoffReason.Human, text, cancellationToken);
                break;
            default:
                turn.ConversationState.Set(ConsecutiveFallbacksKey, fallbacks + 1);
                counters.CountAtTurnEnd(turn, BotCounters.Fallbacks);
                await unanswered.RecordAsync(text, decision, cancellationToken);
                await turn.SendTextAsync(ReplyWording.For(decision), cancellationToken, QuickTopicButtons(), textFormat: "plain");
                break;
        }
        if (orderTurn.AfterAnswer is { } note && decision.Route != Route.Handoff) await turn.SendTextAsync(note, cancellationToken, textFormat: "plain");
    }

    private static readonly TimeSpan TypingDelay = TimeSpan.FromMilliseconds(300);

    /// <summary>Sends a typing activity if the turn is still running after <see cref="TypingDelay"/>; dispose to cancel.</summary>
    private static PendingTyping ShowTypingIfSlow(TurnContext turn, CancellationToken cancellationToken)
    {
        var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var typing = new Activity { Type = ActivityTypes.Typing };
        // Only on completion: most turns end within the delay, and the cancelled wait then schedules nothing (a continuation
        // that runs just to see the cancel was a thread-pool work item per turn).
        _ = Task.Delay(TypingDelay, done.Token).ContinueWith(async _ =>
        {
            try
            {
                // Not through turn.SendAsync: the transcript list must not be touched from another thread.
                var template = turn.Activity.CreateReply(type: ActivityTypes.Typing);
                typing.Conversation = template.Conversation;
                typing.From = template.From;
                typing.Recipient = template.Recipient;
                typing.ChannelId = template.ChannelId;
                typing.ServiceUrl = template.ServiceUrl;
                await turn.Connector.SendAsync(typing, done.Token);
            }
            catch (Exception)
            {
                // A missed typing indicator is harmless.
            }
        }, CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        return new PendingTyping(done);
    }

    /// <summary>Disposing cancels the indicator if it has not been sent yet.</summary>
    private sealed class PendingTyping(CancellationTokenSource done) : IDisposable
    {
        public void Dispose()
        {
            done.Cancel();
            done.Dispose();
        }
    }

    private IEnumerable<CardAction> QuickTopicButtons() => routes.QuickTopicButtons();
}
