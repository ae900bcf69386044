using ChatSupport.Bot.Attachments;
using ChatSupport.Bot.Protocol;
using ChatSupport.Bot.Routing;
using ChatSupport.HandoffContract;

namespace ChatSupport.Bot.Handoff;

/// <summary>
/// The shopper's side of the chat with an agent: while the conversation waits for or is with an agent, the shopper's
/// messages (and typing) go to the dashboard instead of the matcher; a waiting shopper may leave the queue.
/// What the agent sends comes back through <see cref="RelayedEventDelivery"/>.
/// </summary>
public sealed class AgentChat(HandoffQueue queue, ToDashboardEvents events, TurnTranscript transcript, MessageAttachments messageAttachments, TimeProvider clock)
{
    private const string AcknowledgedWhileQueuedKey = "acknowledgedWhileQueued";

    /// <summary>A new escalation: the next message while queued is acknowledged again.</summary>
    public static void ForgetQueuedAcknowledgement(TurnContext turn) => turn.ConversationState.Remove(AcknowledgedWhileQueuedKey);

    /// <summary>While the conversation waits for or is with an agent, the shopper's messages go to the agent, not the matcher.</summary>
    public async Task<bool> TryForwardToAgentAsync(TurnContext turn, string text, CancellationToken ct)
    {
        var conversationId = ConversationKey.Of(turn.Activity);
        var status = turn.HandoffStatus ?? await queue.GetStatusAsync(conversationId);
        if (status is not (ConversationStatus.WaitingForAgent or ConversationStatus.WithAgent)) return false;

        if (status == ConversationStatus.WaitingForAgent && ShopperRoutes.LeavesQueue(turn, text))
        {
            if (await queue.LeaveQueueAsync(conversationId, turn.Fence))
            {
                await turn.SendTextAsync(HandoffWording.LeftQueue, ct, textFormat: "plain");
                return true;
            }
            // An agent took the chat a moment before: it stays with them, and they read this message too.
            status = ConversationStatus.WithAgent;
        }

        await transcript.FlushTranscriptAsync(turn);
        await events.PublishAsync(HandoffEvent.CustomerReplied(conversationId, clock.GetUtcNow(), turn.Activity.From?.Id, text, turn.Activity.Id,
            await messageAttachments.OfAsync(turn.Activity)), turn.Fence);
        if (status == ConversationStatus.WaitingForAgent && !turn.ConversationState.Get<bool>(AcknowledgedWhileQueuedKey))
        {
            turn.ConversationState.Set(AcknowledgedWhileQueuedKey, true);
            await turn.SendTextAsync(HandoffWording.AlreadyQueued, ct, [CardAction.ImBack(RoutingButtons.LeaveQueue)], textFormat: "plain");
        }
        return true;
    }

    /// <summary>The shopper's typing reaches the agent while a person is in charge.</summary>
    public async Task ForwardTypingAsync(TurnContext turn)
    {
        if (await queue.GetStatusAsync(ConversationKey.Of(turn.Activity)) == ConversationStatus.WithAgent)
            await events.PublishTypingAsync(ConversationKey.Of(turn.Activity));
    }
}
