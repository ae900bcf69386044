namespace ChatSupport.HandoffDashboard.Complaints;

/// <summary>A registered complaint (顾客投诉登记) as the API returns it. <see cref="State"/> is a state's Chinese name.</summary>
public sealed record Complaint
{
    public required string Id { get; init; }
    public required string State { get; init; }
    public string? Category { get; init; }
    public string? CustomerId { get; init; }
    public string? CustomerName { get; init; }
    public string? Channel { get; init; }
    public string? OrderNumber { get; init; }
    public string? ConversationId { get; init; }
    public string? Summary { get; init; }
    /// <summary>Lines of the chat as plain text; the page renders them with textContent.</summary>
    public IReadOnlyList<ExcerptLine> TranscriptExcerpt { get; init; } = [];

    /// <summary>Every file of the excerpt (the complaint's evidence), in line order.</summary>
    public IEnumerable<ChatSupport.HandoffContract.AttachmentRef> Attachments() => TranscriptExcerpt.SelectMany(l => l.Attachments ?? []);
    public DateTimeOffset OpenedAt { get; init; }
    public required string OpenedBy { get; init; }
    public string? OpenedByName { get; init; }
    /// <summary>成立 or 不成立.</summary>
    public string? Validity { get; init; }
    /// <summary>The reply given to the customer when the complaint is judged not valid.</summary>
    public string? ValidityReply { get; init; }
    public string? Department { get; init; }
    public string? Investigation { get; init; }
    public string? Plan { get; init; }
    public string? ApprovedBy { get; init; }
    public string? ApprovedByName { get; init; }
    public DateTimeOffset? ApprovedAt { get; init; }
    public string? ApprovalNote { get; init; }
    public string? CustomerConfirmation { get; init; }
    public string? Compensation { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>
/// One chat line kept with a complaint. <paramref name="Attachments"/>: the line's photos and files by attachment id (never a URL: those
/// are signed when the complaint is served); the complaint pins them, so they outlive the conversation (<see cref="ComplaintEvidence"/>).
/// </summary>
public sealed record ExcerptLine(DateTimeOffset At, string Sender, string? SenderName, string Text, IReadOnlyList<ChatSupport.HandoffContract.AttachmentRef>? Attachments = null);

/// <summary>One step of a complaint's history: appended once, never edited (a Redis list only ever pushed to).</summary>
public sealed record ComplaintHistoryEntry(
    DateTimeOffset At,
    string By,
    string? ByName,
    string? From,
    string To,
    string? Note,
    IReadOnlyDictionary<string, string>? Fields);

/// <summary>A step the current user could take next, with why not when they may not.</summary>
public sealed record ComplaintNextStep(string To, bool Allowed, string? Reason, IReadOnlyList<string> Fields, IReadOnlyList<string> Required);

public sealed record ComplaintDetail(Complaint Complaint, IReadOnlyList<ComplaintHistoryEntry> History, IReadOnlyList<ComplaintNextStep> Next);

/// <summary>POST /api/complaints. With a conversation id the rest is prefilled from the chat; fields given here win.</summary>
public sealed record OpenComplaintRequest(
    string? ConversationId,
    string? CustomerId,
    string? CustomerName,
    string? Channel,
    string? OrderNumber,
    string? Category,
    string? Summary);

/// <summary>POST /api/complaints/{id}/transitions: the target state plus the fields of that step.</summary>
public sealed record ComplaintTransitionRequest
{
    public string? To { get; init; }
    public string? Note { get; init; }
    public string? Category { get; init; }
    public string? Validity { get; init; }
    public string? ValidityReply { get; init; }
    public string? Department { get; init; }
    public string? Investigation { get; init; }
    public string? Plan { get; init; }
    public string? ApprovalNote { get; init; }
    public string? CustomerConfirmation { get; init; }
    public string? Compensation { get; init; }

    /// <summary>The step fields that were given (non-blank), by their JSON names.</summary>
    public IReadOnlyDictionary<string, string> GivenFields()
    {
        var given = new Dictionary<string, string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) given[name] = value.Trim();
        }
        Add("category", Category);
        Add("validity", Validity);
        Add("validityReply", ValidityReply);
        Add("department", Department);
        Add("investigation", Investigation);
        Add("plan", Plan);
        Add("approvalNote", ApprovalNote);
        Add("customerConfirmation", CustomerConfirmation);
        Add("compensation", Compensation);
        return given;
    }
}
