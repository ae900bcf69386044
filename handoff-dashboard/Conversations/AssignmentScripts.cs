using ChatSupport.HandoffContract;

namespace ChatSupport.HandoffDashboard.Conversations;

/// <summary>
/// Lua scripts for every ownership change and agent replies. Each checks the conversation's status (and owner) and, in the
/// same atomic step, changes it and appends the fact to the dashboard → bot stream, so two agents or two
/// instances racing for one chat cannot both win, and no change happens without its event.
/// Return codes: 1 done, 0 precondition failed (status / owner), -1 unknown conversation, -2 agent at capacity, 2 duplicate.
/// </summary>
internal static class AssignmentScripts
{
    private const string S = ConversationFields.Status;
    private const string WithAgent = nameof(ConversationStatus.WithAgent);
    private const string Assignee = ConversationFields.Assignee;

    // Ends with the XADD + PUBLISH every script shares. ARGV[#ARGV-2] = event JSON, ARGV[#ARGV-1] = wake-up channel, ARGV[#ARGV] = MAXLEN.
    private const string AppendEvent = """
        local xid = redis.call('XADD', KEYS[#KEYS], 'MAXLEN', '~', ARGV[#ARGV], '*', 'event', ARGV[#ARGV - 2])
        redis.call('PUBLISH', ARGV[#ARGV - 1], xid)
        """;

    // The status changes live in the contract (one source for the Lua both services run, checked against
    // StatusTransitions.Allowed); the names stay here so the callers read as before.
    public static readonly string Assign = StatusScripts.Assign;
    public static readonly string Transfer = StatusScripts.Transfer;
    public static readonly string Close = StatusScripts.Close;
    public static readonly string Requeue = StatusScripts.Requeue;

    /// <summary>KEYS: conversation, sent-marker, stream. ARGV: agent, event, channel, maxlen.</summary>
    public const string Reply = $$"""
        if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
        if redis.call('HGET', KEYS[1], '{{S}}') ~= '{{WithAgent}}' or redis.call('HGET', KEYS[1], '{{Assignee}}') ~= ARGV[1] then return 0 end
        if not redis.call('SET', KEYS[2], '1', 'NX', 'EX', 86400) then return 2 end
        {{AppendEvent}}
        return 1
        """;

    /// <summary>A shopper who left while queued: the contract's script, the same one the bot runs (see <see cref="StatusScripts.LeaveQueue"/>).</summary>
    public static readonly string LeaveQueue = StatusScripts.LeaveQueue;
}
