using System.Text.Json.Nodes;
using ChatSupport.Bot.Protocol;
using ChatSupport.Bot.Routing;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.Bot.Handoff;

/// <summary>
/// Handing a conversation to a person: into the queue when someone is on duty (announced to the dashboard, with the
/// Bot Framework's handoff.initiate for channels that have their own agent hub, and the shopper told their place and
/// wait), otherwise the offer to leave a message (the closed notice once a day outside hours).
/// </summary>
public sealed class HandoffEscalation(
    HandoffQueue queue,
    QueueWaitEstimate wait,
    ConversationReferences references,
    TurnTranscript transcript,
    TranscriptLines lines,
    BotDailyCounters counters,
    BusinessHours hours,
    OutOfHoursReply outOfHoursReply,
    TimeProvider clock,
    ILogger<HandoffEscalation> logger)
{
    /// <summary>Hands the conversation to a person: queued when someone is on duty, otherwise an offer to leave a message.</summary>
    public async Task EscalateAsync(TurnContext turn, HandoffReason reason, string text, CancellationToken ct)
    {
        var conversationId = ConversationKey.Of(turn.Activity);
        var withinHours = hours.IsOpen(clock.GetUtcNow());
        var onDuty = withinHours && await queue.OnlineAgentCountAsync() > 0;
        if (!onDuty)
        {
            HandoffLog.OfferedLeaveMessage(logger, conversationId);
            LeaveMessage.Open(turn, text);
            // Outside hours the closed notice is the auto-reply, given once per conversation per day; within hours (all
            // busy or away) the offer is not an announcement and is given each time.
            var reply = withinHours || await outOfHoursReply.TryClaimTodayAsync(conversationId)
                ? HandoffWording.OfferLeaveMessage(hours.Describe(), withinHours)
                : HandoffWording.LeaveMessageAgain;
            await turn.SendTextAsync(reply, ct, textFormat: "plain");
            return;
        }

        await references.SaveAsync(turn.Activity.GetConversationReference(), turn.Fence);
        await transcript.FlushTranscriptAsync(turn);
        var escalated = await queue.EscalateAsync(conversationId, turn.Activity.From?.Id ?? "anonymous", turn.Activity.From?.Name, reason, text, turn.Fence);
        if (escalated)
        {
            HandoffLog.Escalated(logger, conversationId, reason);
            await counters.CountAsync(BotCounters.Handoffs, BotCounters.HandoffsFor(reason));
            AgentChat.ForgetQueuedAcknowledgement(turn);
            // The Bot Framework handoff convention, for channels that have their own agent hub.
            var transcript = (await lines.ReadAsync(conversationId))
                .Select(e => new JsonObject { ["type"] = "message", ["from"] = new JsonObject { ["role"] = e.Sender == "customer" ? "user" : "bot", ["name"] = e.SenderName }, ["text"] = e.Text, ["timestamp"] = e.Timestamp.ToString("O") })
                .ToArray<JsonNode?>();
            await turn.SendEventAsync("handoff.initiate", new JsonObject { ["reason"] = reason.ToWireName(), ["skill"] = HandoffSkills.For(reason) },
                [new Attachment { ContentType = "application/json", Name = "Transcript", Content = new JsonObject { ["activities"] = new JsonArray(transcript) } }], ct);
        }
        var position = await queue.PositionAsync(conversationId) ?? 1;
        await turn.SendTextAsync(HandoffWording.Queued(HandoffWording.ReasonText(reason), position, await wait.MinutesAsync(position)), ct,
            [CardAction.ImBack(RoutingButtons.LeaveQueue)], textFormat: "plain");
    }
}
