namespace ChatSupport.HandoffDashboard.Auth;

/// <summary>A dashboard user (agent, supervisor or admin) as stored in Redis.</summary>
/// <param name="Id">Stable id (lower-case user name); also the agent id on the handoff streams.</param>
/// <param name="Skills">after-sales, complaints, general.</param>
/// <param name="MaxConcurrentChats">Auto-assignment never gives the agent more than this.</param>
public sealed record DashboardUser(
    string Id,
    string UserName,
    string DisplayName,
    string PasswordHash,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Skills,
    int MaxConcurrentChats,
    string? EmployeeNumber = null);
