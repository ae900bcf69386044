namespace ChatSupport.HandoffDashboard.Customers;

/// <summary>
/// What the desk knows about one customer. <see cref="Id"/> is the conversation record's customer id: for a shopper
/// signed in at the store it is "shopper-" + the store's shopper id (<see cref="ShopperId"/>), otherwise the chat's
/// anonymous user id. Contact details, notes and the display name are shopper or agent text: render as text only.
/// </summary>
public sealed record CustomerProfile
{
    public required string Id { get; init; }
    /// <summary>The store's shopper id from the signed identity; null for an anonymous visitor.</summary>
    public string? ShopperId { get; init; }
    public string? DisplayName { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public string? Address { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>会员等级 as the store names it (e.g. 普通会员, 银卡, 金卡); null for a non-member.</summary>
    public string? MemberLevel { get; init; }
    /// <summary>The agent responsible for this customer (assigned by a supervisor).</summary>
    public string? AgentId { get; init; }
    public string? AgentName { get; init; }
    public DateTimeOffset? AssignedAt { get; init; }
    public DateTimeOffset? LastContactAt { get; init; }
    public DateTimeOffset? FirstSeenAt { get; init; }
    public DateTimeOffset? LastSeenAt { get; init; }
    /// <summary>Set when a supervisor merged this profile into another: reads are redirected there.</summary>
    public string? MergedInto { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public string? UpdatedBy { get; init; }
}

/// <summary>A note an agent wrote about the customer.</summary>
public sealed record CustomerNote(DateTimeOffset At, string By, string ByName, string Text);

/// <summary>A contact the responsible agent made (电话回访, 旺旺/微信 message…) and what came of it.</summary>
public sealed record CustomerContact(DateTimeOffset At, string By, string ByName, string Channel, string Note);

/// <summary>PUT /api/customers/{id}: fields left null stay as they are; an empty string clears one. Note is appended.</summary>
public sealed record UpdateCustomerRequest(
    string? DisplayName, string? Phone, string? Email, string? Address, IReadOnlyList<string>? Tags, string? MemberLevel, string? Note);

/// <summary>POST /api/customers/{id}/assign: agentId null or empty lets the balance rule choose (the suggestion).</summary>
public sealed record AssignCustomerRequest(string? AgentId);

/// <summary>POST /api/customers/{id}/contacts.</summary>
public sealed record RecordContactRequest(string? Channel, string? Note);

/// <summary>POST /api/customers/{id}/merge: the duplicate profile whose history moves into this one.</summary>
public sealed record MergeCustomerRequest(string? DuplicateId);
