using System.Security.Claims;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Auth;

namespace ChatSupport.HandoffDashboard.Conversations;

/// <summary>Who may see a conversation: supervisors and admins all; agents their own chats and those waiting in the queue.</summary>
public static class ConversationAccess
{
    public static bool IsSupervisor(this ClaimsPrincipal user) =>
        user.IsInRole(DashboardRoles.Supervisor) || user.IsInRole(DashboardRoles.Admin);

    public static string AgentId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("signed-in user without id");

    public static AgentRef AgentRef(this ClaimsPrincipal user) =>
        new(user.AgentId(), user.FindFirstValue(ClaimTypes.Name) ?? user.AgentId());

    public static bool CanView(ClaimsPrincipal user, ConversationSnapshot conversation) =>
        user.IsSupervisor()
        || conversation.Status == ConversationStatus.WaitingForAgent
        || conversation.Assignee == user.AgentId();
}
