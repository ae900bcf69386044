namespace ChatSupport.HandoffDashboard.Conversations;

/// <summary>
/// The agent a returning customer's chat should go to first (their own agent, from the Customers feature), or null.
/// Auto-assignment asks it and still checks that agent is online with room; without the feature nobody is preferred.
/// </summary>
public interface IPreferredAgent
{
    Task<string?> ForCustomerAsync(string customerId);
}

public sealed class NoPreferredAgent : IPreferredAgent
{
    public Task<string?> ForCustomerAsync(string customerId) => Task.FromResult<string?>(null);
}
