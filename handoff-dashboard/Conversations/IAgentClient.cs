using ChatSupport.HandoffContract;
namespace ChatSupport.HandoffDashboard.Conversations;

/// <summary>Server → page calls on the agent hub (SignalR JSON protocol; argument names as camelCase JSON).</summary>
public interface IAgentClient
{
    /// <summary>The queue changed (a chat arrived, was taken, left or came back): pages fetch GET /api/queue again.</summary>
    Task QueueChanged(QueueChangedNotice notice);

    /// <summary>A line of a conversation this connection follows (its own chats, or one it watches).</summary>
    Task ConversationMessage(ConversationMessageNotice message);

    /// <summary>The shopper (or another agent on the chat) is typing.</summary>
    Task Typing(TypingNotice notice);

    /// <summary>A chat was given to this agent, or taken from them: pages fetch GET /api/conversations/mine again.</summary>
    Task AssignmentChanged(AssignmentNotice notice);

    /// <summary>Something happened to a conversation: closed, requeued, shopper left, survey answered.</summary>
    Task ConversationUpdated(ConversationUpdateNotice notice);

    /// <summary>Unread shopper lines in one of the agent's chats.</summary>
    Task UnreadChanged(UnreadNotice notice);
}

public sealed record QueueChangedNotice(string ConversationId, string Change);

public sealed record ConversationMessageNotice(
    string ConversationId, string Sender, string? SenderName, string Text, DateTimeOffset At, string? ActivityId, string? ClientMessageId,
    IReadOnlyList<AttachmentRef>? Attachments = null);

public sealed record TypingNotice(string ConversationId, string Sender, string? Name);

public sealed record AssignmentNotice(string ConversationId, string? AgentId, string? AgentName, string? PreviousAgentId, string? Note, string Change);

public sealed record ConversationUpdateNotice(string ConversationId, string Kind, string? Text, string? Note);

public sealed record UnreadNotice(string ConversationId, int Unread);

/// <summary>SignalR group names used by the hub and the bus listener.</summary>
public static class AgentGroups
{
    /// <summary>Every signed-in page: queue changes.</summary>
    public const string AllAgents = "agents";
    public const string Supervisors = "supervisors";
    public static string Agent(string agentId) => "agent:" + agentId;
    public static string Conversation(string conversationId) => "conversation:" + conversationId;
}
