namespace ChatSupport.HandoffDashboard.Conversations;

/// <summary>Asks the sweep to run now (a chat arrived, an agent came online, a chat closed) instead of at its next tick.</summary>
public sealed class AssignmentTrigger : Agents.IAgentAvailabilityListener
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Request()
    {
        try { _signal.Release(); }
        catch (SemaphoreFullException) { /* already requested */ }
    }

    public void AgentCameOnline(string agentId) => Request();

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
