using ChatSupport.HandoffDashboard.Auth;

namespace ChatSupport.HandoffDashboard.CannedReplies;

/// <summary>Who may change which canned reply: team items supervisors and admins, personal items only their owner.</summary>
public static class CannedReplyPermissions
{
    public static bool CanEdit(this SignedInAgent agent, CannedReply reply) =>
        reply.Scope == CannedReplyScope.Team ? agent.IsSupervisor : reply.OwnerId == agent.Id;

    public static bool CanCreate(this SignedInAgent agent, CannedReplyScope scope) => scope == CannedReplyScope.Personal || agent.IsSupervisor;
}
