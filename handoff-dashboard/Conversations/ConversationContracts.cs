using ChatSupport.HandoffContract;

namespace ChatSupport.HandoffDashboard.Conversations;

// JSON shapes of the conversation API (camelCase on the wire).

public sealed record QueueItem(
    string ConversationId, string? CustomerName, string? Reason, DateTimeOffset? EscalatedAt, int Position, double WaitingSeconds);

public sealed record MyConversation(
    string ConversationId, string? CustomerName, string? Reason, string Status, DateTimeOffset? AcceptedAt, int Unread);

public sealed record ConversationDetails(
    string ConversationId, string? Status, string? CustomerId, string? CustomerName, string? Reason,
    DateTimeOffset? StartedAt, DateTimeOffset? EscalatedAt, DateTimeOffset? AcceptedAt, DateTimeOffset? ClosedAt,
    string? Assignee, string? AssigneeName)
{
    public static ConversationDetails From(ConversationSnapshot c) => new(
        c.Id, c.Status?.ToString(), c.CustomerId, c.CustomerName, c.Reason, c.StartedAt, c.EscalatedAt, c.AcceptedAt, c.ClosedAt,
        c.Assignee, c.AssigneeName);
}

public sealed record TranscriptResponse(ConversationDetails Conversation, IReadOnlyList<TranscriptEntry> Entries);

public sealed record EarlierConversation(ConversationDetails Conversation, IReadOnlyList<TranscriptEntry> Entries);

public sealed record SendMessageRequest(string? Text, string? ClientMessageId);

public sealed record SendMessageResponse(string ClientMessageId, bool Duplicate);

/// <summary>Transfer to a named agent (<c>toAgentId</c>) or to the least-busy online supervisor (<c>toSupervisor</c>).</summary>
public sealed record TransferRequest(string? ToAgentId, bool? ToSupervisor, string? Note);

public sealed record ReassignRequest(string? ToAgentId, string? Note);

public sealed record ActiveConversation(ConversationDetails Conversation, int Unread);
