namespace ChatSupport.HandoffDashboard.Redis;

/// <summary>
/// Dashboard-internal Redis keys (the bot never reads them; the shared names live in
/// <see cref="ChatSupport.HandoffContract.HandoffKeys"/>).
/// </summary>
public static class DashboardKeys
{
    public const string Prefix = "chatsupport:dashboard:";

    /// <summary>Set: conversation ids an agent owns right now (status WithAgent, assignee = agent). Its size is the agent's load.</summary>
    public static string AgentConversations(string agentId) => $"{Prefix}agent:{agentId}:conversations";

    /// <summary>Hash: conversation id → transcript length the agent has read; unread = customer lines after it.</summary>
    public static string AgentReadMarks(string agentId) => $"{Prefix}agent:{agentId}:read";

    /// <summary>Set: "{instance}:{connection}" ids of an agent's open SignalR connections, across instances.</summary>
    public static string AgentConnections(string agentId) => $"{Prefix}agent:{agentId}:connections";

    /// <summary>String with TTL: a dashboard instance is alive; its agents' connections are forgotten when it expires (crash).</summary>
    public static string InstanceAlive(string instanceId) => $"{Prefix}instance:{instanceId}";

    /// <summary>Hash: agent id → presence name (online / away / offline).</summary>
    public const string AgentPresence = Prefix + "agents:presence";

    /// <summary>Sorted set: agent id → unix ms when the grace period after their last page closed ends.</summary>
    public const string DisconnectGrace = Prefix + "agents:grace";

    /// <summary>Sorted set: agent id → unix ms of their last assignment; equal loads go to who waited longest.</summary>
    public const string LastAssigned = Prefix + "agents:last-assigned";

    /// <summary>String with TTL: marks a client message id already relayed, so a retried send is not delivered twice.</summary>
    public static string SentMessage(string clientMessageId) => $"{Prefix}sent:{clientMessageId}";

    /// <summary>Hash: data-protection key id → key XML, shared so every instance reads every instance's cookies.</summary>
    public const string DataProtectionKeys = Prefix + "data-protection-keys";
}
