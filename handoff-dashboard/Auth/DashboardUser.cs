namespace ChatSupport.HandoffDashboard.Auth;

/// <summary>A dashboard user (agent, supervisor or admin) as stored in Redis.</summary>
/// <param name="Id">Stable id (lower-case user name); also the agent id on the handoff streams.</param>
/// <param name="Skills">after-sales, complaints, general.</param>
/// <param name="MaxConcurrentChats">Auto-assignment never gives the agent more than this.</param>
/// <param name="SecurityStamp">Changes whenever roles, password or the disabled flag change; a session cookie
/// carries the stamp it was issued with and ends when it no longer matches (<see cref="SessionValidator"/>).</param>
/// <param name="Disabled">A disabled account cannot sign in and its sessions end.</param>
public sealed record DashboardUser(
    string Id,
    string UserName,
    string DisplayName,
    string PasswordHash,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Skills,
    int MaxConcurrentChats,
    string? EmployeeNumber = null,
    string? SecurityStamp = null,
    bool Disabled = false)
{
    /// <summary>A fresh random stamp: every session issued before it stops being accepted.</summary>
    public static string NewStamp() => Guid.NewGuid().ToString("N");
}
