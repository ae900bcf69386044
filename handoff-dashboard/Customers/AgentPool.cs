using ChatSupport.HandoffDashboard.Auth;

namespace ChatSupport.HandoffDashboard.Customers;

/// <summary>The agents customers and programme follow-ups may be given to (active accounts with the agent role) and their loads.</summary>
public sealed class AgentPool(RedisUserStore users, CustomerStore customers)
{
    /// <summary>Candidates loaded with how many customers each is responsible for.</summary>
    public async Task<IReadOnlyList<BalanceCandidate>> WithCustomerLoadsAsync()
    {
        var agents = await ActiveAgentsAsync();
        var counts = await customers.CustomerCountsAsync(agents.Select(a => a.Id));
        return agents.Select(a => new BalanceCandidate(a.Id, a.DisplayName, a.Skills.ToHashSet(), counts[a.Id])).ToList();
    }

    public async Task<IReadOnlyList<DashboardUser>> ActiveAgentsAsync() =>
        (await users.ListAsync()).Where(u => !u.Disabled && u.Roles.Contains(DashboardRoles.Agent)).OrderBy(u => u.Id, StringComparer.Ordinal).ToList();
}
