namespace ChatSupport.HandoffDashboard.Agents;

public sealed record AgentView(
    string Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Skills,
    int MaxConcurrentChats, string? EmployeeNumber, string Status, long Load, bool Disabled = false);

/// <summary>What any signed-in agent may see of colleagues (to pick a transfer target).</summary>
public sealed record AgentDirectoryEntry(string Id, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Skills, string Status, long Load);

public sealed record CreateAgentRequest(
    string? UserName, string? DisplayName, string? Password, string[]? Roles, string[]? Skills, int? MaxConcurrentChats, string? EmployeeNumber);

/// <summary>Fields left null stay as they are.</summary>
public sealed record UpdateAgentRequest(
    string? DisplayName, string? Password, string[]? Roles, string[]? Skills, int? MaxConcurrentChats, string? EmployeeNumber);

public sealed record StatusRequest(string? Status);

public sealed record StatusResponse(string Status);
