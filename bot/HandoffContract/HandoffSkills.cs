namespace ChatSupport.HandoffContract;

/// <summary>
/// Agent skills and the one a handoff reason needs. The bot names it in its handoff.initiate event; the dashboard
/// stores skills on agents and auto-assigns a chat only to an agent who has it. One mapping for both.
/// </summary>
public static class HandoffSkills
{
    public const string General = "general";
    public const string AfterSales = "after-sales";
    public const string Complaints = "complaints";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { General, AfterSales, Complaints };

    public static string For(HandoffReason reason) => reason switch
    {
        HandoffReason.Complaint => Complaints,
        HandoffReason.AfterSales => AfterSales,
        _ => General,
    };
}
