using ChatSupport.HandoffContract;

namespace ChatSupport.HandoffDashboard.Agents;

/// <summary>Agent skills, as stored on users; each handoff reason needs one.</summary>
public static class AgentSkills
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
