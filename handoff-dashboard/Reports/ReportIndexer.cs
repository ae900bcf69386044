using ChatSupport.HandoffContract;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.Reports;

/// <summary>
/// Turns handoff facts into the per-day per-agent counters (<see cref="ReportKeys.AgentDaily"/>).
/// Definitions (the report page and the tests use the same ones):
/// <list type="bullet">
/// <item>chats handled: an agent joined the conversation (or received it by transfer), counted on that day;</item>
/// <item>first response: the agent's first reply after joining − the join time, counted on the reply's day;</item>
/// <item>response: for each run of customer messages while an agent is in charge, the agent's next reply − the
/// first message of the run (several quick customer lines are one question), counted on the reply's day;</item>
/// <item>resolution: close − first accept, counted for the agent in charge, on the close day;</item>
/// <item>satisfaction: the first survey answer (满意 / 一般 / 不满意) of a conversation, for the agent who had it.</item>
/// </list>
/// One Lua script per event keeps each update atomic and marks the stream entry as seen, so a redelivered
/// entry changes nothing.
/// </summary>
public sealed class ReportIndexer(IConnectionMultiplexer redis) : IHandoffEventSink
{
    private static readonly TimeSpan SeenTtl = TimeSpan.FromDays(7);
    private static readonly TimeSpan StateTtl = TimeSpan.FromDays(30);

    private const string Script = """
        if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[7]) then return 0 end
        local kind, conv, at = ARGV[1], ARGV[2], tonumber(ARGV[3])
        local agentArg, toAgent, text = ARGV[4], ARGV[5], ARGV[6]
        local s = KEYS[2]
        local function incr(agent, metric, by)
          redis.call('HINCRBY', KEYS[3], agent .. '|' .. metric, by)
        end
        local function since(t) return math.max(0, at - tonumber(t)) end
        local st = redis.call('HMGET', s, 'agent', 'joinedAt', 'acceptedAt', 'firstReplied', 'pendingAt', 'closed', 'rated')
        local agent, joinedAt, acceptedAt, firstReplied, pendingAt, closed, rated = st[1], st[2], st[3], st[4], st[5], st[6], st[7]
        local function join(who)
          redis.call('HSET', s, 'agent', who, 'joinedAt', at, 'firstReplied', '0', 'closed', '0')
          redis.call('HDEL', s, 'pendingAt')
          if not acceptedAt then redis.call('HSET', s, 'acceptedAt', at) end
          incr(who, 'handled', 1)
          redis.call('ZADD', KEYS[4], at, conv)
        end
        if kind == 'EscalationRequested' then
          if closed == '1' then
            -- the same conversation escalated again: a new episode
            redis.call('DEL', s)
          end
        elseif kind == 'AgentJoined' then
          if agentArg ~= '' and closed ~= '1' and agent ~= agentArg then join(agentArg) end
        elseif kind == 'ConversationTransferred' then
          if toAgent ~= '' and closed ~= '1' and agent ~= toAgent then join(toAgent) end
        elseif kind == 'ConversationRequeued' then
          if closed ~= '1' then
            redis.call('HDEL', s, 'agent', 'pendingAt')
            redis.call('ZREM', KEYS[4], conv)
          end
        elseif kind == 'AgentReplied' then
          if agent and closed ~= '1' then
            if firstReplied == '0' and (agentArg == '' or agentArg == agent) then
              incr(agent, 'frt_ms', since(joinedAt))
              incr(agent, 'frt_n', 1)
              redis.call('HSET', s, 'firstReplied', '1')
            end
            if pendingAt then
              incr(agent, 'art_ms', since(pendingAt))
              incr(agent, 'art_n', 1)
              redis.call('HDEL', s, 'pendingAt')
            end
          end
        elseif kind == 'CustomerReplied' then
          if agent and closed ~= '1' and not pendingAt then redis.call('HSET', s, 'pendingAt', at) end
        elseif kind == 'ConversationClosed' then
          if closed ~= '1' then
            if agent and acceptedAt then
              incr(agent, 'res_ms', since(acceptedAt))
              incr(agent, 'res_n', 1)
            end
            redis.call('HSET', s, 'closed', '1')
            redis.call('HDEL', s, 'pendingAt')
            redis.call('ZREM', KEYS[4], conv)
            redis.call('ZADD', KEYS[5], at, conv)
          end
        elseif kind == 'SurveyAnswered' then
          local metric = nil
          if text == '满意' then metric = 'sat_good' elseif text == '一般' then metric = 'sat_mid' elseif text == '不满意' then metric = 'sat_bad' end
          if metric and agent and not rated then
            incr(agent, metric, 1)
            redis.call('HSET', s, 'rated', text)
          end
        end
        if redis.call('EXISTS', s) == 1 then redis.call('EXPIRE', s, ARGV[8]) end
        return 1
        """;

    /// <summary>Traditional-script survey answers map onto the simplified ones the counters use.</summary>
    private static string? Rating(string? text) => text?.Trim() switch
    {
        "满意" or "滿意" => "满意",
        "一般" => "一般",
        "不满意" or "不滿意" => "不满意",
        _ => null,
    };

    public async Task HandleAsync(HandoffStreamEntry entry, CancellationToken cancellationToken)
    {
        var e = entry.Event;
        var day = DateOnly.FromDateTime(e.At.UtcDateTime);
        await redis.GetDatabase().ScriptEvaluateAsync(Script,
            [
                ReportKeys.Seen(entry.Stream, entry.EntryId), ReportKeys.ConversationState(e.ConversationId),
                ReportKeys.AgentDaily(day), ReportKeys.OpenChats, ReportKeys.ClosedChats,
            ],
            [
                e.Kind, e.ConversationId, e.At.ToUnixTimeMilliseconds(), e.AgentId ?? "", e.ToAgentId ?? "",
                Rating(e.Text) ?? "", (long)SeenTtl.TotalSeconds, (long)StateTtl.TotalSeconds,
            ]);
    }
}
