using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Auth;

namespace ChatSupport.HandoffDashboard.Conversations;

/// <summary>
/// The one rule of who may see a conversation's content (transcript, customer details, live messages), used by
/// every endpoint that returns it (chats, earlier chats, complaints prefilled from a chat, the handover board)
/// and by the hub's groups. Supervisors and admins see everything. An agent sees chats waiting in the queue
/// (to decide to take them) and chats they hold or held (<see cref="ConversationSnapshot.Assignee"/> is kept
/// after close); never a chat another agent holds, nor, opened directly, one another agent held.
/// </summary>
public static class ConversationAccess
{
    public static bool CanView(SignedInAgent user, ConversationSnapshot conversation) =>
        user.IsSupervisor
        || conversation.Status == ConversationStatus.WaitingForAgent
        || conversation.Assignee == user.Id;

    /// <summary>
    /// Search across many chats at once (handoff-dashboard/Search): null for supervisors (every chat), otherwise the
    /// agent whose own chats, together with the queue, the index may return. It is <see cref="CanView"/> as an index
    /// filter; every hit is still checked with <see cref="CanView"/> against the live record before it is returned,
    /// so an index a moment behind never shows a chat that someone else has taken since.
    /// </summary>
    public static string? SearchLimitedTo(SignedInAgent user) => user.IsSupervisor ? null : user.Id;

    /// <summary>
    /// A chat that no record exists for (only a transcript, or nothing): nobody can tell whose it is, so only
    /// supervisors may read it.
    /// </summary>
    public static bool CanViewUnowned(SignedInAgent user) => user.IsSupervisor;

    /// <summary>
    /// An earlier chat of the shopper the caller is serving (the caller may already view the current one): its
    /// history is context for the agent, unless someone else holds it right now (then it is that agent's chat).
    /// </summary>
    public static bool CanViewAsEarlier(SignedInAgent user, ConversationSnapshot earlier) =>
        CanView(user, earlier)
        || earlier.Status is ConversationStatus.Closed or ConversationStatus.WithBot;

    /// <summary>
    /// The chat lines copied into a complaint: for supervisors, the agent who registered it (they could read the
    /// chat then), and anyone who may view the chat now (<paramref name="conversation"/> null: the record expired).
    /// </summary>
    public static bool CanSeeComplaintExcerpt(SignedInAgent user, string openedBy, ConversationSnapshot? conversation) =>
        user.IsSupervisor || openedBy == user.Id || (conversation is not null && CanView(user, conversation));

    /// <summary>An open chat on the handover board: agents see only their own, supervisors all.</summary>
    public static bool CanSeeOpenChat(SignedInAgent user, string? holderAgentId) =>
        user.IsSupervisor || holderAgentId == user.Id;

    /// <summary>
    /// A customer's profile and history follow the same rule as their chats: supervisors see every customer; an agent
    /// sees a customer they are responsible for, or one of whose chats they may view (<see cref="CanView"/>: one waiting
    /// in the queue, one they hold or held). Another agent's customer, never served by the caller, stays hidden.
    /// </summary>
    public static bool CanViewCustomer(SignedInAgent user, string? responsibleAgentId, IEnumerable<ConversationSnapshot> conversations) =>
        user.IsSupervisor
        || (responsibleAgentId is not null && responsibleAgentId == user.Id)
        || conversations.Any(c => CanView(user, c));

    /// <summary>
    /// Contact details (phone, e-mail, address) unmasked: supervisors, the agent responsible for the customer, and the agent
    /// serving them right now. Anyone else who may view the customer (an agent looking at their chat in the queue, one who
    /// served them once) sees them masked.
    /// </summary>
    public static bool CanSeeCustomerContact(SignedInAgent user, string? responsibleAgentId, IEnumerable<ConversationSnapshot> conversations) =>
        user.IsSupervisor
        || (responsibleAgentId is not null && responsibleAgentId == user.Id)
        || conversations.Any(c => c.Status == ConversationStatus.WithAgent && c.Assignee == user.Id);
}
