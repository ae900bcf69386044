namespace ChatSupport.HandoffDashboard.Auth;

/// <summary>Role names as stored on users and in the auth cookie's role claims.</summary>
public static class DashboardRoles
{
    public const string Agent = "agent";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { Agent, Supervisor, Admin };

    /// <summary>Policy: supervisors and admins.</summary>
    public const string SupervisorPolicy = "supervisor";
    /// <summary>Policy: admins only.</summary>
    public const string AdminPolicy = "admin";
}
