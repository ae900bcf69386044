namespace ChatSupport.HandoffDashboard.Agents;

/// <summary>
/// Told when an agent sets themselves online, so chats waiting in the queue can go to them now rather than at the
/// next sweep. Conversations' assignment trigger implements it: Agents does not depend on Conversations.
/// </summary>
public interface IAgentAvailabilityListener
{
    void AgentCameOnline(string agentId);
}
