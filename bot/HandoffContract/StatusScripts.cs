using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.HandoffContract;

/// <summary>
/// Every Lua script that changes a conversation's status, for both services: the bot runs Escalate, LeaveQueue
/// and ResumeWithBot, the dashboard runs Assign, Transfer, Close, Requeue and LeaveQueue. Each script checks the
/// current status (and owner) and changes it, with everything that belongs to the change (queue, agent's chats,
/// the event on a stream), in one atomic step; the move itself goes through <c>cas</c>, which also refuses any
/// move that is not in <see cref="StatusTransitions.Allowed"/>.
/// Return codes: 1 done, 0 precondition failed (status / owner), -1 unknown conversation, -2 agent at capacity.
/// </summary>
public static class StatusScripts
{
    private const string S = ConversationFields.Status;
    private const string WithBot = nameof(ConversationStatus.WithBot);
    private const string Waiting = nameof(ConversationStatus.WaitingForAgent);
    private const string WithAgent = nameof(ConversationStatus.WithAgent);
    private const string Closed = nameof(ConversationStatus.Closed);
    private const string Assignee = ConversationFields.Assignee;
    private const string AssigneeName = ConversationFields.AssigneeName;

    /// <summary>
    /// Shared prelude: <c>status_of(key)</c> and <c>cas(key, to, from…)</c>, which moves the status to
    /// <c>to</c> only when it is one of the given <c>from</c> values and the move is an allowed transition.
    /// </summary>
    public static readonly string Prelude = $$"""
        local ALLOWED = {{StatusTransitions.LuaTable()}}
        local function status_of(key)
          local s = redis.call('HGET', key, '{{S}}')
          if not s then return '{{WithBot}}' end
          return s
        end
        local function cas(key, to, ...)
          local current = status_of(key)
          for _, from in ipairs({...}) do
            if current == from and ALLOWED[from .. '>' .. to] then
              redis.call('HSET', key, '{{S}}', to)
              return true
            end
          end
          return false
        end
        """;

    // Dashboard scripts end with the XADD + PUBLISH they share. ARGV[#ARGV-2] = event JSON, ARGV[#ARGV-1] = wake-up channel, ARGV[#ARGV] = MAXLEN.
    private const string AppendEvent = $$"""
        local xid = redis.call('XADD', KEYS[#KEYS], 'MAXLEN', '~', ARGV[#ARGV], '*', '{{StreamKeys.EventField}}', ARGV[#ARGV - 2])
        redis.call('PUBLISH', ARGV[#ARGV - 1], xid)
        """;

    /// <summary>
    /// Bot. KEYS: conversation, queue, to-dashboard stream (all <c>{queue}</c>).
    /// ARGV: customerId, customerName, reason, escalatedAt, queue score, event, channel, retention s, id,
    /// stream MAXLEN (~, default <see cref="StreamKeys.DefaultMaxLength"/>).
    /// The customer's history index (<c>{customer:id}</c>, another slot) is added by the caller after a 1.
    /// </summary>
    public static readonly string Escalate = Prelude + "\n" + $$"""
        if not cas(KEYS[1], '{{Waiting}}', '{{WithBot}}', '{{Closed}}') then return 0 end
        redis.call('HSET', KEYS[1], 'customerId', ARGV[1], 'customerName', ARGV[2], 'reason', ARGV[3], 'escalatedAt', ARGV[4])
        redis.call('HDEL', KEYS[1], '{{Assignee}}', '{{AssigneeName}}', 'acceptedAt', 'closedAt')
        redis.call('HSETNX', KEYS[1], 'startedAt', ARGV[4])
        redis.call('EXPIRE', KEYS[1], ARGV[8])
        redis.call('ZADD', KEYS[2], ARGV[5], ARGV[9])
        local id = redis.call('XADD', KEYS[3], 'MAXLEN', '~', tonumber(ARGV[10]) or {{StreamKeys.DefaultMaxLength}}, '*', '{{StreamKeys.EventField}}', ARGV[6])
        redis.call('PUBLISH', ARGV[7], id)
        return 1
        """;

    /// <summary>
    /// Both services: a waiting shopper leaves the queue; status Closed (closedAt set), out of the queue, and, when
    /// an event is given (the bot's CustomerLeft), that event on the to-dashboard stream, all at once. A chat an
    /// agent took meanwhile stays with the agent (0). The dashboard runs it again when it reads CustomerLeft
    /// (idempotent: it then finds the chat Closed and does nothing).
    /// KEYS: conversation, queue, to-dashboard stream. ARGV: id, closedAt, event JSON ('' for none), wake-up channel[, stream MAXLEN].
    /// </summary>
    public static readonly string LeaveQueue = Prelude + "\n" + $$"""
        if not cas(KEYS[1], '{{Closed}}', '{{Waiting}}') then return 0 end
        redis.call('ZREM', KEYS[2], ARGV[1])
        redis.call('HSET', KEYS[1], '{{ConversationFields.ClosedAt}}', ARGV[2])
        if ARGV[3] ~= '' then
          local id = redis.call('XADD', KEYS[3], 'MAXLEN', '~', tonumber(ARGV[5]) or {{StreamKeys.DefaultMaxLength}}, '*', '{{StreamKeys.EventField}}', ARGV[3])
          redis.call('PUBLISH', ARGV[4], id)
        end
        return 1
        """;

    /// <summary>
    /// Bot, when it relays ConversationClosed: Closed → WithBot, and only from Closed, so a close relayed late
    /// (the chat was escalated and assigned again meanwhile) changes nothing. KEYS: conversation.
    /// </summary>
    public static readonly string ResumeWithBot = Prelude + "\n" + $$"""
        if cas(KEYS[1], '{{WithBot}}', '{{Closed}}') then return 1 end
        return 0
        """;

    /// <summary>Dashboard. KEYS: conversation, queue, agent's chats, last-assigned, stream. ARGV: id, agent, name, acceptedAt, limit (-1 none), now ms, event, channel, maxlen.</summary>
    public static readonly string Assign = Prelude + "\n" + $$"""
        if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
        if status_of(KEYS[1]) ~= '{{Waiting}}' then return 0 end
        local limit = tonumber(ARGV[5])
        if limit >= 0 and redis.call('SCARD', KEYS[3]) >= limit then return -2 end
        if not cas(KEYS[1], '{{WithAgent}}', '{{Waiting}}') then return 0 end
        redis.call('ZREM', KEYS[2], ARGV[1])
        redis.call('HSET', KEYS[1], '{{Assignee}}', ARGV[2], '{{AssigneeName}}', ARGV[3], '{{ConversationFields.AcceptedAt}}', ARGV[4])
        redis.call('HDEL', KEYS[1], '{{ConversationFields.ClosedAt}}')
        redis.call('SADD', KEYS[3], ARGV[1])
        redis.call('ZADD', KEYS[4], ARGV[6], ARGV[2])
        {{AppendEvent}}
        return 1
        """;

    /// <summary>Dashboard. KEYS: conversation, from agent's chats, to agent's chats, stream. ARGV: id, expected owner, to agent, to name, event, channel, maxlen.</summary>
    public static readonly string Transfer = Prelude + "\n" + $$"""
        if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
        if redis.call('HGET', KEYS[1], '{{Assignee}}') ~= ARGV[2] then return 0 end
        if not cas(KEYS[1], '{{WithAgent}}', '{{WithAgent}}') then return 0 end
        redis.call('HSET', KEYS[1], '{{Assignee}}', ARGV[3], '{{AssigneeName}}', ARGV[4])
        redis.call('SREM', KEYS[2], ARGV[1])
        redis.call('SADD', KEYS[3], ARGV[1])
        {{AppendEvent}}
        return 1
        """;

    /// <summary>
    /// Dashboard. KEYS: conversation, owner's chats, stream (all <c>{queue}</c>). ARGV: id, expected owner, closedAt, retention seconds, event, channel, maxlen.
    /// The transcript (<c>{conv:id}</c>, another slot) gets the same expiry from the caller after a 1.
    /// </summary>
    public static readonly string Close = Prelude + "\n" + $$"""
        if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
        if redis.call('HGET', KEYS[1], '{{Assignee}}') ~= ARGV[2] then return 0 end
        if not cas(KEYS[1], '{{Closed}}', '{{WithAgent}}') then return 0 end
        redis.call('HSET', KEYS[1], '{{ConversationFields.ClosedAt}}', ARGV[3])
        redis.call('SREM', KEYS[2], ARGV[1])
        redis.call('EXPIRE', KEYS[1], ARGV[4])
        {{AppendEvent}}
        return 1
        """;

    /// <summary>Dashboard. KEYS: conversation, owner's chats, queue, stream. ARGV: id, expected owner, queue score, event, channel, maxlen.</summary>
    public static readonly string Requeue = Prelude + "\n" + $$"""
        if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
        if redis.call('HGET', KEYS[1], '{{Assignee}}') ~= ARGV[2] then return 0 end
        if not cas(KEYS[1], '{{Waiting}}', '{{WithAgent}}') then return 0 end
        redis.call('HDEL', KEYS[1], '{{Assignee}}', '{{AssigneeName}}', '{{ConversationFields.AcceptedAt}}')
        redis.call('SREM', KEYS[2], ARGV[1])
        redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1])
        {{AppendEvent}}
        return 1
        """;

    /// <summary>
    /// Dashboard: an agent's reply, accepted only from the chat's owner while it is WithAgent (the status rule both
    /// services share: a shopper's chat hears only from the agent who has it), once per reply (the sent-marker), and
    /// appended to the to-bot stream in the same step. KEYS: conversation, sent-marker, stream. ARGV: agent, event,
    /// channel, maxlen. Returns 1 done, 0 not the owner or not WithAgent, -1 unknown conversation, 2 duplicate.
    /// </summary>
    public const string AgentReply = $$"""
        if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
        if redis.call('HGET', KEYS[1], '{{S}}') ~= '{{WithAgent}}' or redis.call('HGET', KEYS[1], '{{Assignee}}') ~= ARGV[1] then return 0 end
        if not redis.call('SET', KEYS[2], '1', 'NX', 'EX', 86400) then return 2 end
        {{AppendEvent}}
        return 1
        """;
}
