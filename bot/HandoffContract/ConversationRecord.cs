namespace ChatSupport.HandoffContract;

/// <summary>
/// Field names of the conversation hash at <see cref="HandoffKeys.Conversation"/>.
/// Times (startedAt, escalatedAt, acceptedAt, closedAt) are ISO 8601 round-trip strings ("O"), UTC.
/// </summary>
public static class ConversationFields
{
    /// <summary><see cref="ConversationStatus"/> name.</summary>
    public const string Status = "status";
    public const string CustomerId = "customerId";
    public const string CustomerName = "customerName";
    /// <summary>Wire name of <see cref="HandoffReason"/>.</summary>
    public const string Reason = "reason";
    public const string StartedAt = "startedAt";
    public const string EscalatedAt = "escalatedAt";
    public const string AcceptedAt = "acceptedAt";
    public const string ClosedAt = "closedAt";
    /// <summary>Agent id of the owner while WithAgent.</summary>
    public const string Assignee = "assignee";
    public const string AssigneeName = "assigneeName";
}
