using ChatSupport.HandoffDashboard.Agents;

namespace ChatSupport.HandoffDashboard.Customers;

/// <summary>An agent who may be given customers, with how many they carry now.</summary>
public sealed record BalanceCandidate(string AgentId, string Name, IReadOnlySet<string> Skills, long Load);

/// <summary>
/// The balance rule for giving customers (and programme follow-ups) to agents: each agent should carry about the same
/// number, and the abler agents the harder customers. A demanding customer (one who complained) goes to an agent with
/// the complaints skill when there is one; among the eligible the one carrying the fewest wins; on a tie a demanding
/// customer goes to the most skilled agent and an ordinary one to the least skilled (keeping the abler free for the
/// hard cases); then by id, so the same state always gives the same answer.
/// </summary>
public static class CustomerBalance
{
    public static BalanceCandidate? Pick(IReadOnlyCollection<BalanceCandidate> candidates, bool demanding)
    {
        if (candidates.Count == 0) return null;
        var pool = demanding && candidates.Any(c => c.Skills.Contains(AgentSkills.Complaints))
            ? candidates.Where(c => c.Skills.Contains(AgentSkills.Complaints))
            : candidates;
        var byLoad = pool.OrderBy(c => c.Load);
        var bySkill = demanding ? byLoad.ThenByDescending(c => c.Skills.Count) : byLoad.ThenBy(c => c.Skills.Count);
        return bySkill.ThenBy(c => c.AgentId, StringComparer.Ordinal).First();
    }

    /// <summary>
    /// Gives each customer (in order) to <see cref="Pick"/>'s choice, counting every one given, so a batch (a programme)
    /// spreads out as evenly as the rule allows. Returns customer → agent; empty when there is nobody to give them to.
    /// </summary>
    public static IReadOnlyList<(string CustomerId, BalanceCandidate Agent)> Distribute(
        IEnumerable<(string CustomerId, bool Demanding)> customers, IEnumerable<BalanceCandidate> candidates)
    {
        var current = candidates.ToDictionary(c => c.AgentId);
        var result = new List<(string, BalanceCandidate)>();
        foreach (var (customer, demanding) in customers)
        {
            var pick = Pick(current.Values, demanding);
            if (pick is null) break;
            result.Add((customer, pick));
            current[pick.AgentId] = pick with { Load = pick.Load + 1 };
        }
        return result;
    }
}
