namespace ChatSupport.HandoffDashboard.FollowUps;

/// <summary>The groups a programme can call back (回访对象).</summary>
public static class ProgrammeGroups
{
    /// <summary>Customers with a member level (optionally one level).</summary>
    public const string Members = "members";
    /// <summary>Customers who ordered in the period from..to.</summary>
    public const string Shoppers = "shoppers";
    /// <summary>Customers whose complaint was closed (归档) in the period from..to.</summary>
    public const string Complainants = "complainants";

    public static readonly IReadOnlyList<string> All = [Members, Shoppers, Complainants];
}

/// <summary>A follow-up programme: one follow-up per customer of a group, due within FollowUps:DueAfter (three days).</summary>
public sealed record FollowUpProgramme(
    string Id, string Name, string Group, string? MemberLevel, DateOnly? From, DateOnly? To, string Subject,
    DateTimeOffset CreatedAt, string CreatedBy, string? CreatedByName, int FollowUps);

/// <summary>POST /api/follow-up-programmes.</summary>
public sealed record CreateProgrammeRequest(string? Name, string? Group, string? MemberLevel, string? From, string? To, string? Subject);

public sealed record ProgrammeOutcome(string Result, int Count);

/// <summary>One customer's line in the report: who called, what came of it and what was said.</summary>
public sealed record ProgrammeReportLine(
    string FollowUpId, string? CustomerId, string? CustomerName, string? OwnerName, string Status, bool Overdue,
    string? Result, string? ResultNotes, DateTimeOffset DueAt, DateTimeOffset? DoneAt);

public sealed record ProgrammeAgentLine(string? AgentId, string? AgentName, int Assigned, int Reached, int Overdue);

/// <summary>GET /api/follow-up-programmes/{id}/report: reached (done), outcomes (满意 / 一般 / 不满意), per agent, every line.</summary>
public sealed record ProgrammeReport(
    FollowUpProgramme Programme, int Total, int Reached, double? ReachedRate, int Overdue,
    IReadOnlyList<ProgrammeOutcome> Outcomes, IReadOnlyList<ProgrammeAgentLine> Agents, IReadOnlyList<ProgrammeReportLine> Lines);
