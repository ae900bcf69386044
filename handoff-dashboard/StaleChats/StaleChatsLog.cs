namespace ChatSupport.HandoffDashboard.StaleChats;

internal static partial class StaleChatsLog
{
    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Conversation {ConversationId}: agent {AgentId} did not answer the shopper in time; back in the queue")]
    public static partial void Requeued(ILogger logger, string conversationId, string agentId);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "Conversation {ConversationId}: agent {AgentId} did not answer the shopper in time; handed on to {NextAgentId}")]
    public static partial void HandedOn(ILogger logger, string conversationId, string agentId, string nextAgentId);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Information, Message = "Conversation {ConversationId} of agent {AgentId} resolved: the shopper was silent after the agent's answer")]
    public static partial void Resolved(ILogger logger, string conversationId, string agentId);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Warning, Message = "Stale-chat sweep failed; retrying")]
    public static partial void SweepFailed(ILogger logger, Exception exception);
}
