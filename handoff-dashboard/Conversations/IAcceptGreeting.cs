namespace ChatSupport.HandoffDashboard.Conversations;

/// <summary>
/// The agent's first message when they take a chat (by hand or by auto-assignment). Null sends nothing.
/// The canned-replies feature registers the real one (replace this registration with its own).
/// </summary>
public interface IAcceptGreeting
{
    Task<string?> GreetingForAsync(string agentId, string conversationId, CancellationToken cancellationToken);
}

internal sealed class NoAcceptGreeting : IAcceptGreeting
{
    public Task<string?> GreetingForAsync(string agentId, string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);
}
