using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatSupport.HandoffContract;

/// <summary>
/// A fact on one of the handoff streams. One record shape for every kind keeps the streams easy to
/// read and to extend; fields that do not apply to a kind are null and omitted from the JSON.
/// </summary>
public sealed record HandoffEvent
{
    /// <summary>One of <see cref="HandoffEventKinds"/>.</summary>
    public required string Kind { get; init; }
    public required string ConversationId { get; init; }
    public DateTimeOffset At { get; init; } = DateTimeOffset.UtcNow;

    public string? CustomerId { get; init; }
    public string? CustomerName { get; init; }
    /// <summary>Wire name of <see cref="HandoffReason"/> (EscalationRequested).</summary>
    public string? Reason { get; init; }
    public string? AgentId { get; init; }
    public string? AgentName { get; init; }
    /// <summary>Target agent id of a transfer (ConversationTransferred).</summary>
    public string? ToAgentId { get; init; }
    public string? Text { get; init; }
    public string? Note { get; init; }
    /// <summary>Direct Line activity id of the message this event carries, when there is one.</summary>
    public string? ActivityId { get; init; }
    /// <summary>Id chosen by the sender so a retried send is not delivered twice.</summary>
    public string? ClientMessageId { get; init; }
    /// <summary>Files the message carries (CustomerReplied, AgentReplied); stored in the bot's attachment storage, without URLs.</summary>
    public IReadOnlyList<AttachmentRef>? Attachments { get; init; }

    // The events the bot writes, one factory per kind: which fields a kind carries is said once, here, beside the
    // kind's description, rather than at each place that publishes it (and the time always comes from the caller's
    // clock, never from the default above).

    /// <summary><see cref="HandoffEventKinds.EscalationRequested"/>: who asks, why, and their last message.</summary>
    public static HandoffEvent EscalationRequested(string conversationId, DateTimeOffset at, string customerId, string? customerName,
        HandoffReason reason, string? lastText) => new()
    {
        Kind = HandoffEventKinds.EscalationRequested, ConversationId = conversationId, At = at,
        CustomerId = customerId, CustomerName = customerName, Reason = reason.ToWireName(), Text = lastText,
    };

    /// <summary><see cref="HandoffEventKinds.CustomerReplied"/>: a shopper's message while queued or with an agent.</summary>
    public static HandoffEvent CustomerReplied(string conversationId, DateTimeOffset at, string? customerId, string text, string? activityId,
        IReadOnlyList<AttachmentRef>? attachments) => new()
    {
        Kind = HandoffEventKinds.CustomerReplied, ConversationId = conversationId, At = at,
        CustomerId = customerId, Text = text, ActivityId = activityId, Attachments = attachments,
    };

    /// <summary><see cref="HandoffEventKinds.CustomerLeft"/>: the shopper left the queue.</summary>
    public static HandoffEvent CustomerLeft(string conversationId, DateTimeOffset at) =>
        new() { Kind = HandoffEventKinds.CustomerLeft, ConversationId = conversationId, At = at };

    /// <summary><see cref="HandoffEventKinds.CustomerTyping"/> (typing channel only).</summary>
    public static HandoffEvent CustomerTyping(string conversationId, DateTimeOffset at) =>
        new() { Kind = HandoffEventKinds.CustomerTyping, ConversationId = conversationId, At = at };

    /// <summary><see cref="HandoffEventKinds.SurveyAnswered"/>: the rating, or (in a second event) only the comment.</summary>
    public static HandoffEvent SurveyAnswered(string conversationId, DateTimeOffset at, string? rating, string? comment) =>
        new() { Kind = HandoffEventKinds.SurveyAnswered, ConversationId = conversationId, At = at, Text = rating, Note = comment };

    /// <summary><see cref="HandoffEventKinds.CaseLeft"/>: the message a shopper left and how to reach them.</summary>
    public static HandoffEvent CaseLeft(string conversationId, DateTimeOffset at, string? customerId, string? customerName, string message,
        string contact) => new()
    {
        Kind = HandoffEventKinds.CaseLeft, ConversationId = conversationId, At = at,
        CustomerId = customerId, CustomerName = customerName, Text = message, Note = contact,
    };

    public string ToJson() => JsonSerializer.Serialize(this, HandoffJsonContext.Default.HandoffEvent);

    public static HandoffEvent FromJson(string json) =>
        JsonSerializer.Deserialize(json, HandoffJsonContext.Default.HandoffEvent)
        ?? throw new JsonException("empty handoff event");
}

/// <summary>Past-tense facts on the streams. Bot → dashboard: Escalation*, Customer*. Dashboard → bot: Agent*, Conversation*.</summary>
public static class HandoffEventKinds
{
    // bot -> dashboard
    public const string EscalationRequested = "EscalationRequested";
    public const string CustomerReplied = "CustomerReplied";
    /// <summary>
    /// The shopper left the queue. The bot appends it with <see cref="StatusScripts.LeaveQueue"/> (WaitingForAgent → Closed,
    /// out of the queue, this event, in one step); the dashboard runs the same script when it reads it (then a no-op).
    /// </summary>
    public const string CustomerLeft = "CustomerLeft";
    public const string CustomerTyping = "CustomerTyping";
    /// <summary>Survey result: Text = 满意 / 一般 / 不满意, Note = optional comment (a second event may carry only the comment).</summary>
    public const string SurveyAnswered = "SurveyAnswered";
    /// <summary>Shopper left a message outside hours / with no agent online: Text = message, Note = contact details. Becomes a case.</summary>
    public const string CaseLeft = "CaseLeft";

    // dashboard -> bot
    /// <summary>An agent took the chat (status now WithAgent): AgentId, AgentName (display name for the shopper).</summary>
    public const string AgentJoined = "AgentJoined";
    /// <summary>AgentId, AgentName, Text, ClientMessageId (unique per message; the dashboard never relays one twice), optional Attachments (stored first through the bot's admin upload). The bot delivers it and appends the transcript line.</summary>
    public const string AgentReplied = "AgentReplied";
    /// <summary>Published on <see cref="HandoffKeys.TypingChannel"/> only (never on a stream): AgentId, AgentName.</summary>
    public const string AgentTyping = "AgentTyping";
    /// <summary>AgentId = previous owner, ToAgentId = new owner, AgentName = new owner's display name, Note = note for the new owner (not meant for the shopper).</summary>
    public const string ConversationTransferred = "ConversationTransferred";
    /// <summary>
    /// The dashboard set status Closed (and closedAt): AgentId = owner, AgentName = who closed it. The bot sends the survey and
    /// moves Closed → WithBot (<see cref="StatusScripts.ResumeWithBot"/>: only from Closed, so a late close takes no chat from an agent).
    /// </summary>
    public const string ConversationClosed = "ConversationClosed";
    /// <summary>Back in the queue at its original score, status WaitingForAgent, assignee removed: AgentId = previous owner, Note = why (e.g. agent-disconnected).</summary>
    public const string ConversationRequeued = "ConversationRequeued";
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HandoffEvent))]
[JsonSerializable(typeof(TranscriptEntry))]
internal sealed partial class HandoffJsonContext : JsonSerializerContext;

public static class TranscriptEntryJson
{
    public static string ToJson(this TranscriptEntry entry) =>
        JsonSerializer.Serialize(entry, HandoffJsonContext.Default.TranscriptEntry);

    public static TranscriptEntry FromJson(string json) =>
        JsonSerializer.Deserialize(json, HandoffJsonContext.Default.TranscriptEntry)
        ?? throw new JsonException("empty transcript entry");
}
