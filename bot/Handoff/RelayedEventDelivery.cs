using System.Text.Json.Nodes;
using ChatSupport.Bot.Attachments;
using ChatSupport.Bot.Protocol;
using ChatSupport.HandoffContract;

namespace ChatSupport.Bot.Handoff;

/// <summary>
/// The dashboard's side of the chat with an agent, delivered into the shopper's conversation in the conversation's own
/// turn: agent joined, replied (text and files), transferred, requeued, closed (the chat goes back to the bot and the
/// survey is asked), and the relay's queue-position updates. Each event is delivered once, also after a crash.
/// </summary>
public sealed class RelayedEventDelivery(
    HandoffQueue queue,
    QueueWaitEstimate wait,
    TranscriptLines transcriptLines,
    ChannelConnectors channels,
    MessageAttachments messageAttachments,
    AttachmentLinks attachmentLinks,
    TimeProvider clock)
{
    private const string LastRelayedKey = "lastRelayedStreamId";

    /// <summary>
    /// An event from the dashboard, relayed in order by the relay leader; each is handled once. What it sends
    /// carries the event's stream id (channelData.relayedEventId), so a replay after a crash between sending and
    /// saving state (the relay then still has the entry pending) finds it already in the Direct Line conversation
    /// and sends nothing again.
    /// </summary>
    public async Task HandleRelayedAsync(TurnContext turn, RelayedEvent relayed, CancellationToken ct)
    {
        var evt = relayed.Event;
        if (relayed.StreamId is { } streamId)
        {
            var last = turn.ConversationState.Get<string>(LastRelayedKey);
            if (last is not null && StreamIds.Compare(streamId, last) <= 0) return;
            turn.ConversationState.Set(LastRelayedKey, streamId);
            if (await AlreadyDeliveredAsync(turn, streamId))
            {
                if (evt.Kind == HandoffEventKinds.ConversationClosed) await queue.ResumeWithBotAsync(evt.ConversationId, turn.Fence);
                return;
            }
        }

        var agent = new ChannelAccount { Id = "agent:" + (evt.AgentId ?? "unknown"), Name = evt.AgentName ?? "客服", Role = "bot" };
        switch (evt.Kind)
        {
            case HandoffEventKinds.AgentJoined:
                await SendRelayedAsync(turn, relayed, HandoffWording.AgentJoined(evt.AgentName), ct);
                break;
            case HandoffEventKinds.AgentReplied when !string.IsNullOrEmpty(evt.Text) || evt.Attachments is { Count: > 0 }:
                await SendRelayedAsync(turn, relayed, evt.Text ?? "", ct, from: agent,
                    attachments: evt.Attachments?.Select(a => attachmentLinks.ToActivityAttachment(attachmentLinks.PublicBaseUrl(turn.Activity), evt.ConversationId, a)).ToList());
                break;
            case HandoffEventKinds.ConversationTransferred:
                await SendRelayedAsync(turn, relayed, HandoffWording.Transferred(evt.AgentName), ct);
                break;
            case HandoffEventKinds.ConversationRequeued:
                await SendRelayedAsync(turn, relayed, HandoffWording.Requeued(await queue.PositionAsync(evt.ConversationId)), ct);
                break;
            case HandoffEventKinds.ConversationClosed:
                // Only from Closed: if the chat was escalated and taken again before this close was relayed, it stays with that agent.
                await queue.ResumeWithBotAsync(evt.ConversationId, turn.Fence);
                await SatisfactionSurvey.AskAsync(turn, (text, buttons) => SendRelayedAsync(turn, relayed, text, ct, buttons));
                break;
            case HandoffRelay.QueuePositionKind:
                var position = long.Parse(evt.Text!, System.Globalization.CultureInfo.InvariantCulture);
                await SendRelayedAsync(turn, relayed, HandoffWording.QueueUpdate(position, await wait.MinutesAsync(position)), ct);
                break;
        }
    }

    private const string RelayedEventIdField = "relayedEventId";

    /// <summary>A plain-text message into the conversation outside the shopper's turn, marked with the event it delivers.</summary>
    private static Task<ResourceResponse> SendRelayedAsync(TurnContext turn, RelayedEvent relayed, string text, CancellationToken ct,
        IEnumerable<CardAction>? quickReplies = null, ChannelAccount? from = null, List<Attachment>? attachments = null)
    {
        // The bot's own lines are written as the shopper reads them; an agent's message goes out as the agent wrote it.
        var ours = from is null;
        var reply = new Activity
        {
            Type = ActivityTypes.Message,
            From = from,
            Text = ours ? turn.WriteBotText(text) : text.Length == 0 ? null : text,
            TextFormat = "plain",
            Attachments = attachments is { Count: > 0 } ? attachments : null,
            ChannelData = relayed.StreamId is null ? null : new JsonObject { [RelayedEventIdField] = relayed.StreamId },
        };
        var actions = quickReplies?.Select(a => ours ? turn.WriteButton(a) : a).ToList();
        if (actions is { Count: > 0 })
        {
            reply.SuggestedActions = new SuggestedActions { Actions = actions };
            if (turn.Activity.From?.Id is { } userId) reply.SuggestedActions.To = [userId];
        }
        return turn.SendAsync(reply, ct);
    }

    /// <summary>
    /// Whether the conversation already holds a message for this event (the channel keeps a readable copy: the
    /// embedded Direct Line, among its latest activities); its line goes to the transcript if it was not written
    /// before the crash. Other channels keep none: there the conversation state's last stream id is the guard.
    /// </summary>
    private async Task<bool> AlreadyDeliveredAsync(TurnContext turn, string streamId)
    {
        var conversationId = ConversationKey.Of(turn.Activity);
        var found = await channels.FindSentAsync(turn.Activity, RelayedEventIdField, streamId);
        if (found.Count == 0) return false;
        var lines = new List<TranscriptEntry>();
        foreach (var sent in found)
        {
            if (sent.Id is null) continue;
            var files = await messageAttachments.OfAsync(sent);
            if (sent.Text is null && files is null) continue;
            var isAgent = sent.From?.Id?.StartsWith("agent:", StringComparison.Ordinal) == true;
            lines.Add(new TranscriptEntry(sent.Id, sent.Timestamp ?? clock.GetUtcNow(), isAgent ? TranscriptSenders.Agent : TranscriptSenders.Bot, sent.From?.Name, sent.Text ?? "", files));
        }
        await transcriptLines.AppendAsync(conversationId, lines, turn.Fence);
        return true;
    }
}
