namespace ChatSupport.HandoffDashboard.Conversations;

/// <summary>
/// Agents a chat must not be auto-assigned to again (they went silent on it: the StaleChats feature). Auto-assignment
/// skips them; without the feature nobody is passed over.
/// </summary>
public interface IPassedOverAgents
{
    Task AddAsync(string conversationId, string agentId);

    Task<IReadOnlySet<string>> OfAsync(string conversationId);
}

public sealed class NobodyPassedOver : IPassedOverAgents
{
    public Task AddAsync(string conversationId, string agentId) => Task.CompletedTask;

    public Task<IReadOnlySet<string>> OfAsync(string conversationId) => Task.FromResult<IReadOnlySet<string>>(new HashSet<string>());
}
