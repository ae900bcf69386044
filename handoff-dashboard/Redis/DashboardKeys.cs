using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.HandoffDashboard.Redis;

/// <summary>
/// The dashboard's keys by the names its code has always used; the catalogue (with the Redis Cluster hash tags)
/// is the contract's <c>ChatSupport.HandoffContract.Keys</c>, these members forward to it.
/// </summary>
public static class DashboardKeys
{
    public static string AgentConversations(string agentId) => AgentKeys.Conversations(agentId);
    public static string AgentReadMarks(string agentId) => AgentKeys.ReadMarks(agentId);
    public static string AgentConnections(string agentId) => AgentKeys.Connections(agentId);
    public static string InstanceAlive(string instanceId) => AgentKeys.InstanceAlive(instanceId);
    public const string AgentPresence = AgentKeys.Presence;
    public const string DisconnectGrace = AgentKeys.DisconnectGrace;
    public const string LastAssigned = QueueKeys.LastAssigned;
    public static string SentMessage(string clientMessageId) => ConversationKeys.SentMessage(clientMessageId);
    public const string DataProtectionKeys = HandoffContract.Keys.DashboardKeys.DataProtectionKeys;
}
