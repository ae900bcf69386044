namespace ChatSupport.HandoffContract.Keys;

/// <summary>
/// Agents. An agent's own keys are tagged <c>{agent:&lt;id&gt;}</c>, their chats <c>{queue}</c>; the presence roster, which the connect,
/// disconnect and grace-expiry scripts change together with an agent's connections, is tagged <c>{agents}</c>.
/// </summary>
public static class AgentKeys
{
    private const string Roster = HandoffKeys.Prefix + HashTags.Agents;

    /// <summary>
    /// Set: conversation ids an agent owns right now (status WithAgent, assignee = agent). Its size is the agent's load.
    /// Tagged <c>{queue}</c>, not the agent's own tag: the assign, transfer, close and requeue scripts check and change
    /// it together with the conversation's status and the queue, so an agent's load always matches the statuses.
    /// </summary>
    public static string Conversations(string agentId) => HandoffKeys.Prefix + HashTags.Queue + ":agent:" + agentId + ":conversations";

    /// <summary>Hash: conversation id → transcript length the agent has read; unread = customer lines after it.</summary>
    public static string ReadMarks(string agentId) => HandoffKeys.Prefix + HashTags.Agent(agentId) + ":read";

    /// <summary>Set: "{instance}:{connection}" ids of an agent's open SignalR connections, across instances (roster slot).</summary>
    public static string Connections(string agentId) => Roster + ":agent:" + agentId + ":connections";

    /// <summary>Set of agent ids currently online (written by the dashboard). The bot reads its size to decide between queueing and offering to leave a message.</summary>
    public const string Online = Roster + ":agents:online";

    /// <summary>Hash: agent id → presence name (online / away / offline).</summary>
    public const string Presence = Roster + ":agents:presence";

    /// <summary>Sorted set: agent id → unix ms when the grace period after their last page closed ends.</summary>
    public const string DisconnectGrace = Roster + ":agents:grace";

    /// <summary>String with TTL: a dashboard instance is alive; its agents' connections are forgotten when it expires (crash).</summary>
    public static string InstanceAlive(string instanceId) => HandoffKeys.Prefix + "dashboard:instance:" + instanceId;
}
