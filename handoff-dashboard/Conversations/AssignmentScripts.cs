using ChatSupport.HandoffContract;

namespace ChatSupport.HandoffDashboard.Conversations;

/// <summary>
/// The Lua scripts the dashboard runs for every ownership change and agent reply, all from the contract
/// (<see cref="StatusScripts"/>): each checks the conversation's status (and owner) and, in the same atomic step,
/// changes it and appends the fact to the dashboard → bot stream, so two agents or two instances racing for one chat
/// cannot both win, and no change happens without its event.
/// Return codes: 1 done, 0 precondition failed (status / owner), -1 unknown conversation, -2 agent at capacity, 2 duplicate.
/// </summary>
internal static class AssignmentScripts
{
    // The names stay here so the callers read as before; the scripts are the contract's (checked against StatusTransitions.Allowed).
    public static readonly string Assign = StatusScripts.Assign;
    public static readonly string Transfer = StatusScripts.Transfer;
    public static readonly string Close = StatusScripts.Close;
    public static readonly string Requeue = StatusScripts.Requeue;

    /// <summary>An agent's reply: the contract's script (<see cref="StatusScripts.AgentReply"/>), one source for the status rule it checks.</summary>
    public const string Reply = StatusScripts.AgentReply;

    /// <summary>A shopper who left while queued: the contract's script, the same one the bot runs (see <see cref="StatusScripts.LeaveQueue"/>).</summary>
    public static readonly string LeaveQueue = StatusScripts.LeaveQueue;
}
