using ChatSupport.HandoffDashboard.Conversations;

namespace ChatSupport.HandoffDashboard.Customers;

/// <summary>A returning customer's chat goes first to the agent responsible for them.</summary>
public sealed class OwnAgentFirst(CustomerStore store) : IPreferredAgent
{
    public async Task<string?> ForCustomerAsync(string customerId) => (await store.GetAsync(customerId))?.AgentId;
}
