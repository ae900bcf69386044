namespace ChatSupport.HandoffDashboard.Conversations;

internal static partial class ConversationsLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Conversation {ConversationId} assigned to agent {AgentId} ({How})")]
    public static partial void Assigned(ILogger logger, string conversationId, string agentId, string how);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Conversation {ConversationId} transferred from {FromAgentId} to {ToAgentId} by {ByAgentId}")]
    public static partial void Transferred(ILogger logger, string conversationId, string fromAgentId, string toAgentId, string byAgentId);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Conversation {ConversationId} of agent {AgentId} closed by {ByAgentId}")]
    public static partial void Closed(ILogger logger, string conversationId, string agentId, string byAgentId);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Conversation {ConversationId} of agent {AgentId} back in the queue: {Why}")]
    public static partial void Requeued(ILogger logger, string conversationId, string agentId, string why);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Grace period of agent {AgentId} ended; {Count} chats back in the queue")]
    public static partial void GraceExpired(ILogger logger, string agentId, int count);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Error, Message = "Assignment sweep failed; retrying")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Information, Message = "Agent {AgentId} closed their last dashboard page; grace period started")]
    public static partial void GraceStarted(ILogger logger, string agentId);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Error, Message = "Hub call {Method} of agent {AgentId} failed")]
    public static partial void HubCallFailed(ILogger logger, Exception exception, string method, string agentId);
}
