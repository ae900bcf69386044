using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatSupport.Bot.DirectLine;
using ChatSupport.Bot.Protocol;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffContract.Keys;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatSupport.Bot.Handoff;

/// <summary>
/// Everything the bot does around people: escalating (queue or leave-a-message), forwarding the
/// shopper's messages while an agent is in charge, delivering what the dashboard relays (agent
/// joined/replied, transfer, close), the satisfaction survey, and the transcript agents read.
/// </summary>
public sealed partial class HandoffConversation(
    HandoffStore store,
    DirectLineConversationStore directLine,
    BusinessHours hours,
    OutOfHoursReply outOfHoursReply,
    ChatSupport.Bot.Attachments.MessageAttachments messageAttachments,
    ChatSupport.Bot.Attachments.AttachmentLinks attachmentLinks,
    IOptions<HandoffOptions> options,
    TimeProvider clock,
    ILogger<HandoffConversation> logger)
{
    private const string SurveyPendingKey = "surveyPending";
    private const string SurveyCommentPendingKey = "surveyCommentPending";
    private const string LeaveMessagePendingKey = "leaveMessagePending";
    private const string LeftMessageTextKey = "leftMessageText";
    private const string AcknowledgedWhileQueuedKey = "acknowledgedWhileQueued";
    private const string LastRelayedKey = "lastRelayedStreamId";
    private const string TranscriptFlushedKey = "transcriptFlushed";

    [GeneratedRegex(@"(?<!\d)1[3-9]\d{9}(?!\d)|旺旺|微信|vx|wx|@|\d{3,4}-\d{7,8}", RegexOptions.IgnoreCase)]
    private static partial Regex ContactPattern();

    private static string ConversationId(TurnContext turn) => ConversationKey.Of(turn.Activity);

    /// <summary>While the conversation waits for or is with an agent, the shopper's messages go to the agent, not the matcher.</summary>
    public async Task<bool> TryForwardToAgentAsync(TurnContext turn, string text, CancellationToken ct)
    {
        var conversationId = ConversationId(turn);
        var status = turn.HandoffStatus ?? await store.GetStatusAsync(conversationId);
        if (status is not (ConversationStatus.WaitingForAgent or ConversationStatus.WithAgent)) return false;

        if (status == ConversationStatus.WaitingForAgent && (turn.IsButton(text, HandoffWording.LeaveQueue) || text is "取消排队" or "取消排隊" or "不用了"))
        {
            if (await store.LeaveQueueAsync(conversationId, turn.Fence))
            {
                await turn.SendTextAsync(HandoffWording.LeftQueue, ct, textFormat: "plain");
                return true;
            }
            // An agent took the chat a moment before: it stays with them, and they read this message too.
            status = ConversationStatus.WithAgent;
        }

        await FlushTranscriptAsync(turn);
        await store.PublishAsync(new HandoffEvent
        {
            Kind = HandoffEventKinds.CustomerReplied,
            ConversationId = conversationId,
            At = clock.GetUtcNow(),
            CustomerId = turn.Activity.From?.Id,
            Text = text,
            ActivityId = turn.Activity.Id,
            Attachments = await messageAttachments.OfAsync(turn.Activity),
        }, turn.Fence);
        if (status == ConversationStatus.WaitingForAgent && !turn.ConversationState.Get<bool>(AcknowledgedWhileQueuedKey))
        {
            turn.ConversationState.Set(AcknowledgedWhileQueuedKey, true);
            await turn.SendTextAsync(HandoffWording.AlreadyQueued, ct, [CardAction.ImBack(HandoffWording.LeaveQueue)], textFormat: "plain");
        }
        return true;
    }

    /// <summary>The shopper's typing reaches the agent while a person is in charge.</summary>
    public async Task ForwardTypingAsync(TurnContext turn)
    {
        if (await store.GetStatusAsync(ConversationId(turn)) == ConversationStatus.WithAgent)
            await store.PublishTypingAsync(ConversationId(turn));
    }

    /// <summary>Survey answers and left messages: replies the bot asked for in an earlier turn.</summary>
    /// <param name="isNewQuestion">True when the text is a question the bot would answer or hand over (not a comment).</param>
    public async Task<bool> TryHandlePendingReplyAsync(TurnContext turn, string text, Func<string, bool> isNewQuestion, CancellationToken ct)
    {
        var state = turn.ConversationState;
        var conversationId = ConversationId(turn);
        if (state.Get<bool>(SurveyPendingKey))
        {
            state.Remove(SurveyPendingKey);
            // Published as the canonical rating whatever script the buttons were shown in: reports count these words.
            if (new[] { HandoffWording.Satisfied, HandoffWording.Neutral, HandoffWording.Dissatisfied }.FirstOrDefault(b => turn.IsButton(text, b)) is { } rating)
            {
                await store.PublishAsync(new HandoffEvent { Kind = HandoffEventKinds.SurveyAnswered, ConversationId = conversationId, At = clock.GetUtcNow(), Text = rating }, turn.Fence);
                state.Set(SurveyCommentPendingKey, true);
                await turn.SendTextAsync(HandoffWording.AskComment, ct, [CardAction.ImBack(HandoffWording.SkipComment)], textFormat: "plain");
                return true;
            }
            return false; // a new question instead of a rating: answer it
        }
        if (state.Get<bool>(SurveyCommentPendingKey))
        {
            state.Remove(SurveyCommentPendingKey);
            // The comment is optional: a shopper who simply asks the next question gets an answer.
            var skipped = turn.IsButton(text, HandoffWording.SkipComment);
            if (!skipped && isNewQuestion(text)) return false;
            if (!skipped)
            {
                await store.PublishAsync(new HandoffEvent { Kind = HandoffEventKinds.SurveyAnswered, ConversationId = conversationId, At = clock.GetUtcNow(), Note = text }, turn.Fence);
            }
            await turn.SendTextAsync(skipped ? HandoffWording.ThanksNoComment : HandoffWording.ThanksForComment, ct, textFormat: "plain");
            return true;
        }
        if (state.Get<bool>(LeaveMessagePendingKey))
        {
            var earlier = state.Get<string>(LeftMessageTextKey);
            var message = earlier is null ? text : earlier + "\n" + text;
            if (!ContactPattern().IsMatch(message))
            {
                state.Set(LeftMessageTextKey, message);
                await turn.SendTextAsync(HandoffWording.AskForContact, ct, textFormat: "plain");
                return true;
            }
            state.Remove(LeaveMessagePendingKey);
            state.Remove(LeftMessageTextKey);
            await FlushTranscriptAsync(turn);
            await store.PublishAsync(new HandoffEvent
            {
                Kind = HandoffEventKinds.CaseLeft,
                ConversationId = conversationId,
                At = clock.GetUtcNow(),
                CustomerId = turn.Activity.From?.Id,
                CustomerName = turn.Activity.From?.Name,
                Text = message,
                Note = ContactPattern().Match(message).Success ? ExtractContact(message) : message,
            }, turn.Fence);
            await store.CountAsync(BotCounters.Cases);
            await turn.SendTextAsync(HandoffWording.CaseRecorded(options.Value.CaseReplyDueDays), ct, textFormat: "plain");
            return true;
        }
        return false;
    }

    private static string ExtractContact(string message)
    {
        var phone = Regex.Match(message, @"(?<!\d)1[3-9]\d{9}(?!\d)");
        return phone.Success ? phone.Value : message.Length > 200 ? message[..200] : message;
    }

    /// <summary>Hands the conversation to a person: queued when someone is on duty, otherwise an offer to leave a message.</summary>
    public async Task EscalateAsync(TurnContext turn, HandoffReason reason, string text, CancellationToken ct)
    {
        var conversationId = ConversationId(turn);
        var withinHours = hours.IsOpen(clock.GetUtcNow());
        var onDuty = withinHours && await store.OnlineAgentCountAsync() > 0;
        if (!onDuty)
        {
            HandoffLog.OfferedLeaveMessage(logger, conversationId);
            turn.ConversationState.Set(LeaveMessagePendingKey, true);
            turn.ConversationState.Set(LeftMessageTextKey, text);
            // Outside hours the closed notice is the auto-reply, given once per conversation per day; within hours (all
            // busy or away) the offer is not an announcement and is given each time.
            var reply = withinHours || await outOfHoursReply.TryClaimTodayAsync(conversationId)
                ? HandoffWording.OfferLeaveMessage(hours.Describe(), withinHours)
                : HandoffWording.LeaveMessageAgain;
            await turn.SendTextAsync(reply, ct, textFormat: "plain");
            return;
        }

        await store.SaveReferenceAsync(turn.Activity.GetConversationReference(), turn.Fence);
        await FlushTranscriptAsync(turn);
        var escalated = await store.EscalateAsync(conversationId, turn.Activity.From?.Id ?? "anonymous", turn.Activity.From?.Name, reason, text, turn.Fence);
        if (escalated)
        {
            HandoffLog.Escalated(logger, conversationId, reason);
            await store.CountAsync(BotCounters.Handoffs, BotCounters.HandoffsFor(reason));
            turn.ConversationState.Remove(AcknowledgedWhileQueuedKey);
            // The Bot Framework handoff convention, for channels that have their own agent hub.
            var transcript = (await store.TranscriptAsync(conversationId))
                .Select(e => new JsonObject { ["type"] = "message", ["from"] = new JsonObject { ["role"] = e.Sender == "customer" ? "user" : "bot", ["name"] = e.SenderName }, ["text"] = e.Text, ["timestamp"] = e.Timestamp.ToString("O") })
                .ToArray<JsonNode?>();
            await turn.SendEventAsync("handoff.initiate", new JsonObject { ["reason"] = reason.ToWireName(), ["skill"] = SkillFor(reason) },
                [new Attachment { ContentType = "application/json", Name = "Transcript", Content = new JsonObject { ["activities"] = new JsonArray(transcript) } }], ct);
        }
        var position = await store.QueuePositionAsync(conversationId) ?? 1;
        await turn.SendTextAsync(HandoffWording.Queued(HandoffWording.ReasonText(reason), position, await WaitMinutesAsync(position)), ct,
            [CardAction.ImBack(HandoffWording.LeaveQueue)], textFormat: "plain");
    }

    private static string SkillFor(HandoffReason reason) => HandoffSkills.For(reason);

    public async Task<int> WaitMinutesAsync(long position)
    {
        var agents = Math.Max(1, await store.OnlineAgentCountAsync());
        return Math.Max(1, (int)Math.Ceiling(position * options.Value.AverageHandleMinutes / agents));
    }

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
                if (evt.Kind == HandoffEventKinds.ConversationClosed) await store.ResumeWithBotAsync(evt.ConversationId, turn.Fence);
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
                await SendRelayedAsync(turn, relayed, HandoffWording.Requeued(await store.QueuePositionAsync(evt.ConversationId)), ct);
                break;
            case HandoffEventKinds.ConversationClosed:
                // Only from Closed: if the chat was escalated and taken again before this close was relayed, it stays with that agent.
                await store.ResumeWithBotAsync(evt.ConversationId, turn.Fence);
                turn.ConversationState.Set(SurveyPendingKey, true);
                await SendRelayedAsync(turn, relayed, HandoffWording.Survey, ct,
                    [CardAction.ImBack(HandoffWording.Satisfied), CardAction.ImBack(HandoffWording.Neutral), CardAction.ImBack(HandoffWording.Dissatisfied)]);
                break;
            case HandoffRelay.QueuePositionKind:
                var position = long.Parse(evt.Text!, System.Globalization.CultureInfo.InvariantCulture);
                await SendRelayedAsync(turn, relayed, HandoffWording.QueueUpdate(position, await WaitMinutesAsync(position)), ct);
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
    /// Whether the embedded Direct Line conversation already holds a message for this event (among its latest
    /// activities); its line goes to the transcript if it was not written before the crash. Other channels keep
    /// no readable copy: there the conversation state's last stream id is the guard.
    /// </summary>
    private async Task<bool> AlreadyDeliveredAsync(TurnContext turn, string streamId)
    {
        if (turn.Activity.ChannelId != EmbeddedDirectLineConnector.ChannelId) return false;
        var conversationId = ConversationId(turn);
        var latest = await directLine.LatestWatermarkAsync(conversationId);
        var marker = $"\"{RelayedEventIdField}\":\"{streamId}\"";
        var found = (await directLine.ReadJsonAfterAsync(conversationId, Math.Max(0, latest - 200), 200))
            .Where(a => a.Json.Contains(marker, StringComparison.Ordinal)).ToList();
        if (found.Count == 0) return false;
        var lines = new List<TranscriptEntry>();
        foreach (var (_, json) in found)
        {
            var sent = System.Text.Json.JsonSerializer.Deserialize<Activity>(json, ProtocolJson.Options);
            if (sent?.Id is null) continue;
            var files = await messageAttachments.OfAsync(sent);
            if (sent.Text is null && files is null) continue;
            var isAgent = sent.From?.Id?.StartsWith("agent:", StringComparison.Ordinal) == true;
            lines.Add(new TranscriptEntry(sent.Id, sent.Timestamp ?? clock.GetUtcNow(), isAgent ? TranscriptSenders.Agent : TranscriptSenders.Bot, sent.From?.Name, sent.Text ?? "", files));
        }
        await store.AppendTranscriptAsync(conversationId, lines, turn.Fence);
        return true;
    }

    /// <summary>
    /// Writes this turn's not-yet-recorded lines (the shopper's message, then what was sent) to the
    /// transcript agents read. Called before anything is announced to the dashboard, and at turn end.
    /// </summary>
    public async Task FlushTranscriptAsync(TurnContext turn)
    {
        var entries = await UnflushedTranscriptAsync(turn);
        await store.AppendTranscriptAsync(ConversationId(turn), entries, turn.Fence);
    }

    /// <summary>
    /// The turn's last transcript lines, written with its closing batch (state save and lease release) instead of on a
    /// round trip of their own: what the shopper said and was answered reaches agents as the turn ends.
    /// </summary>
    public async Task FlushTranscriptAtTurnEndAsync(TurnContext turn)
    {
        var entries = await UnflushedTranscriptAsync(turn);
        if (entries.Count == 0) return;
        var conversationId = ConversationId(turn);
        var fence = turn.Fence;
        turn.AtTurnEnd(db => store.AppendTranscriptAsync(db, conversationId, entries, fence));
    }

    private async Task<List<TranscriptEntry>> UnflushedTranscriptAsync(TurnContext turn)
    {
        var flushed = turn.Items.TryGetValue(TranscriptFlushedKey, out var value) ? (int)value : -1;
        var entries = new List<TranscriptEntry>();
        if (flushed < 0)
        {
            flushed = 0;
            var a = turn.Activity;
            var files = a.IsType(ActivityTypes.Message) && a.InternalPayload is null ? await messageAttachments.OfAsync(a) : null;
            if (a.IsType(ActivityTypes.Message) && a.InternalPayload is null && (!string.IsNullOrEmpty(a.Text) || files is not null))
                entries.Add(new TranscriptEntry(a.Id ?? "", a.Timestamp ?? clock.GetUtcNow(), TranscriptSenders.Customer, a.From?.Name, a.Text ?? "", files));
        }
        foreach (var sent in turn.Sent.Skip(flushed))
        {
            if (!sent.IsType(ActivityTypes.Message)) continue;
            var files = await messageAttachments.OfAsync(sent);
            if (string.IsNullOrEmpty(sent.Text) && files is null) continue;
            var isAgent = sent.From?.Id?.StartsWith("agent:", StringComparison.Ordinal) == true;
            entries.Add(new TranscriptEntry(sent.Id ?? "", sent.Timestamp ?? clock.GetUtcNow(),
                isAgent ? TranscriptSenders.Agent : TranscriptSenders.Bot, sent.From?.Name, sent.Text ?? "", files));
        }
        turn.Items[TranscriptFlushedKey] = turn.Sent.Count;
        return entries;
    }
}

/// <summary>A dashboard event on its way into a conversation, with its stream id (null for the bot's own announcements).</summary>
public sealed record RelayedEvent(HandoffEvent Event, string? StreamId);

/// <summary>Redis stream ids ("ms-seq") in order.</summary>
public static class StreamIds
{
    public static int Compare(string a, string b)
    {
        static (long, long) Parse(string id)
        {
            var dash = id.IndexOf('-');
            return dash < 0 ? (long.Parse(id), 0) : (long.Parse(id[..dash]), long.Parse(id[(dash + 1)..]));
        }
        return Parse(a).CompareTo(Parse(b));
    }
}
