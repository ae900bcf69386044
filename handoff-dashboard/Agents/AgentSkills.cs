using ChatSupport.HandoffContract;

namespace ChatSupport.HandoffDashboard.Agents;

/// <summary>Agent skills, as stored on users; each handoff reason needs one. The mapping is the contract's <see cref="HandoffSkills"/>.</summary>
public static class AgentSkills
{
    public const string General = HandoffSkills.General;
    public const string AfterSales = HandoffSkills.AfterSales;
    public const string Complaints = HandoffSkills.Complaints;

    public static readonly IReadOnlySet<string> All = HandoffSkills.All;

    public static string For(HandoffReason reason) => HandoffSkills.For(reason);
}
