namespace ChatSupport.HandoffDashboard.Conversations;

public enum AssignmentOutcome
{
    Done,
    /// <summary>No such conversation.</summary>
    NotFound,
    /// <summary>Not in the state the change needs (e.g. already taken by someone else, or not with an agent).</summary>
    Conflict,
    /// <summary>Auto-assignment only: the agent reached their concurrent-chat limit meanwhile.</summary>
    AtCapacity,
    /// <summary>The same client message id was relayed before; nothing sent again.</summary>
    Duplicate,
}
