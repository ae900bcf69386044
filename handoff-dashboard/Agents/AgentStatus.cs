namespace ChatSupport.HandoffDashboard.Agents;

/// <summary>An agent's presence. Only Online agents are in the contract's OnlineAgents set and get chats automatically.</summary>
public enum AgentStatus
{
    Offline,
    Online,
    Away,
}

public static class AgentStatusNames
{
    public static string ToWireName(this AgentStatus status) => status switch
    {
        AgentStatus.Online => "online",
        AgentStatus.Away => "away",
        _ => "offline",
    };

    public static AgentStatus? FromWireName(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "online" => AgentStatus.Online,
        "away" => AgentStatus.Away,
        "offline" => AgentStatus.Offline,
        _ => null,
    };
}
