namespace ChatSupport.HandoffDashboard.FollowUps;

/// <summary>
/// Something an agent owes a customer by a due time: a follow-up call (回访) or a case a shopper left
/// outside hours. Cases start without an owner and are visible to every agent until one takes them.
/// </summary>
public sealed record FollowUp
{
    public required string Id { get; init; }
    /// <summary><see cref="FollowUpKinds"/>.</summary>
    public required string Kind { get; init; }
    public string? Subject { get; init; }
    public string? CustomerName { get; init; }
    /// <summary>How to reach the customer (a case's contact details). Shopper text: render as text only.</summary>
    public string? Contact { get; init; }
    /// <summary>What the shopper left (cases). Shopper text: render as text only.</summary>
    public string? Message { get; init; }
    public string? ConversationId { get; init; }
    public string? ComplaintId { get; init; }
    /// <summary>The customer profile it is for (programme follow-ups; others when known).</summary>
    public string? CustomerId { get; init; }
    /// <summary>The follow-up programme that created it, if any.</summary>
    public string? ProgrammeId { get; init; }
    public string? Owner { get; init; }
    public string? OwnerName { get; init; }
    public DateTimeOffset DueAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string? CreatedBy { get; init; }
    /// <summary>open or done.</summary>
    public required string Status { get; init; }
    /// <summary>满意 / 一般 / 不满意 once done.</summary>
    public string? Result { get; init; }
    public string? Notes { get; init; }
    /// <summary>What came of it (written with the result).</summary>
    public string? ResultNotes { get; init; }
    public DateTimeOffset? DoneAt { get; init; }
    public string? DoneBy { get; init; }
    public string? DoneByName { get; init; }
    /// <summary>Open and past due at the time of the query.</summary>
    public bool Overdue { get; init; }
}

public static class FollowUpKinds
{
    public const string FollowUp = "follow-up";
    public const string Case = "case";
}

public static class FollowUpResults
{
    public static readonly IReadOnlyList<string> All = ["满意", "一般", "不满意"];
}

/// <summary>POST /api/follow-ups. Owner defaults to the caller; only supervisors assign to someone else.</summary>
public sealed record CreateFollowUpRequest(
    string? Subject,
    string? CustomerName,
    string? Contact,
    string? ConversationId,
    string? ComplaintId,
    string? Owner,
    DateTimeOffset? DueAt,
    string? Notes);

/// <summary>POST /api/follow-ups/{id}/result.</summary>
public sealed record FollowUpResultRequest(string? Result, string? Notes);

