using ChatSupport.HandoffContract;

namespace ChatSupport.HandoffDashboard.Conversations;

/// <summary>
/// Lua scripts for every ownership change. Each checks the conversation's status (and owner) and, in the
/// same atomic step, changes it and appends the fact to the dashboard → bot stream, so two agents or two
/// instances racing for one chat cannot both win, and no change happens without its event.
/// Return codes: 1 done, 0 precondition failed (status / owner), -1 unknown conversation, -2 agent at capacity, 2 duplicate.
/// </summary>
internal static class AssignmentScripts
{
    private const string S = ConversationFields.Status;
    private const string Waiting = nameof(ConversationStatus.WaitingForAgent);
    private const string WithAgent = nameof(ConversationStatus.WithAgent);
    private const string Closed = nameof(ConversationStatus.Closed);
    private const string Assignee = ConversationFields.Assignee;
    private const string AssigneeName = ConversationFields.AssigneeName;

    // Ends with the XADD + PUBLISH every script shares. ARGV[#ARGV-2] = event JSON, ARGV[#ARGV-1] = wake-up channel, ARGV[#ARGV] = MAXLEN.
    private const string AppendEvent = """
        local xid = redis.call('XADD', KEYS[#KEYS], 'MAXLEN', '~', ARGV[#ARGV], '*', 'event', ARGV[#ARGV - 2])
        redis.call('PUBLISH', ARGV[#ARGV - 1], xid)
        """;

    /// <summary>KEYS: conversation, queue, agent's chats, last-assigned, stream. ARGV: id, agent, name, acceptedAt, limit (-1 none), now ms, event, channel, maxlen.</summary>
    public const string Assign = $$"""
        if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
        if redis.call('HGET', KEYS[1], '{{S}}') ~= '{{Waiting}}' then return 0 end
        local limit = tonumber(ARGV[5])
        if limit >= 0 and redis.call('SCARD', KEYS[3]) >= limit then return -2 end
        redis.call('ZREM', KEYS[2], ARGV[1])
        redis.call('HSET', KEYS[1], '{{S}}', '{{WithAgent}}', '{{Assignee}}', ARGV[2], '{{AssigneeName}}', ARGV[3], '{{ConversationFields.AcceptedAt}}', ARGV[4])
        redis.call('HDEL', KEYS[1], '{{ConversationFields.ClosedAt}}')
        redis.call('SADD', KEYS[3], ARGV[1])
        redis.call('ZADD', KEYS[4], ARGV[6], ARGV[2])
        {{AppendEvent}}
        return 1
        """;

    /// <summary>KEYS: conversation, from agent's chats, to agent's chats, stream. ARGV: id, expected owner, to agent, to name, event, channel, maxlen.</summary>
    public const string Transfer = $$"""
        if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
        if redis.call('HGET', KEYS[1], '{{S}}') ~= '{{WithAgent}}' or redis.call('HGET', KEYS[1], '{{Assignee}}') ~= ARGV[2] then return 0 end
        redis.call('HSET', KEYS[1], '{{Assignee}}', ARGV[3], '{{AssigneeName}}', ARGV[4])
        redis.call('SREM', KEYS[2], ARGV[1])
        redis.call('SADD', KEYS[3], ARGV[1])
        {{AppendEvent}}
        return 1
        """;

    /// <summary>KEYS: conversation, owner's chats, transcript, stream. ARGV: id, expected owner, closedAt, retention seconds, event, channel, maxlen.</summary>
    public const string Close = $$"""
        if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
        if redis.call('HGET', KEYS[1], '{{S}}') ~= '{{WithAgent}}' or redis.call('HGET', KEYS[1], '{{Assignee}}') ~= ARGV[2] then return 0 end
        redis.call('HSET', KEYS[1], '{{S}}', '{{Closed}}', '{{ConversationFields.ClosedAt}}', ARGV[3])
        redis.call('SREM', KEYS[2], ARGV[1])
        redis.call('EXPIRE', KEYS[1], ARGV[4])
        redis.call('EXPIRE', KEYS[3], ARGV[4])
        {{AppendEvent}}
        return 1
        """;

    /// <summary>KEYS: conversation, owner's chats, queue, stream. ARGV: id, expected owner, queue score, event, channel, maxlen.</summary>
    public const string Requeue = $$"""
        if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
        if redis.call('HGET', KEYS[1], '{{S}}') ~= '{{WithAgent}}' or redis.call('HGET', KEYS[1], '{{Assignee}}') ~= ARGV[2] then return 0 end
        redis.call('HSET', KEYS[1], '{{S}}', '{{Waiting}}')
        redis.call('HDEL', KEYS[1], '{{Assignee}}', '{{AssigneeName}}', '{{ConversationFields.AcceptedAt}}')
        redis.call('SREM', KEYS[2], ARGV[1])
        redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1])
        {{AppendEvent}}
        return 1
        """;

    /// <summary>KEYS: conversation, sent-marker, stream. ARGV: agent, event, channel, maxlen.</summary>
    public const string Reply = $$"""
        if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
        if redis.call('HGET', KEYS[1], '{{S}}') ~= '{{WithAgent}}' or redis.call('HGET', KEYS[1], '{{Assignee}}') ~= ARGV[1] then return 0 end
        if not redis.call('SET', KEYS[2], '1', 'NX', 'EX', 86400) then return 2 end
        {{AppendEvent}}
        return 1
        """;

    /// <summary>A shopper who leaves while queued leaves the queue. KEYS: conversation, queue. ARGV: id, closedAt.</summary>
    public const string LeaveQueue = $$"""
        if redis.call('HGET', KEYS[1], '{{S}}') ~= '{{Waiting}}' then return 0 end
        redis.call('ZREM', KEYS[2], ARGV[1])
        redis.call('HSET', KEYS[1], '{{S}}', '{{Closed}}', '{{ConversationFields.ClosedAt}}', ARGV[2])
        return 1
        """;
}
