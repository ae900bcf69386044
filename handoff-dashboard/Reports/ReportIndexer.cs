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
/// Several dashboard instances share the streams, so one conversation's events can be handled by different
/// instances in any order. Each event is therefore added to the conversation's timeline (a sorted set by event
/// time), the conversation's figures are recomputed from the whole timeline, and only the difference to what it
/// contributed before is applied to the day counters — all in one Lua script, so it is atomic per event, the
/// result depends only on the set of events, and a redelivered event (same member) changes nothing.
/// The script builds day-counter key names itself: fine on one Redis (with replicas), not on Redis Cluster.
/// </summary>
public sealed class ReportIndexer(IConnectionMultiplexer redis, Microsoft.Extensions.Options.IOptions<ReportsOptions>? options = null,
    TimeProvider? clock = null) : IHandoffEventSink
{
    private readonly ReportsOptions _options = options?.Value ?? new ReportsOptions();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    private static readonly TimeSpan StateTtl = TimeSpan.FromDays(30);

    private static readonly HashSet<string> Relevant =
    [
        HandoffEventKinds.EscalationRequested, HandoffEventKinds.AgentJoined, HandoffEventKinds.ConversationTransferred,
        HandoffEventKinds.ConversationRequeued, HandoffEventKinds.AgentReplied, HandoffEventKinds.CustomerReplied,
        HandoffEventKinds.ConversationClosed, HandoffEventKinds.SurveyAnswered,
    ];

    private const string Script = """
        if redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1]) == 0 then return 0 end
        local events = redis.call('ZRANGE', KEYS[1], 0, -1)
        local contrib = {}
        local function incr(day, who, metric, by)
          local k = day .. '\31' .. who .. '|' .. metric
          contrib[k] = (contrib[k] or 0) + by
        end
        local agent, joinedAt, acceptedAt, firstReplied, pendingAt, closed, closedAt, rated
        local function reset()
          agent, joinedAt, acceptedAt, firstReplied, pendingAt, closed, closedAt, rated = nil, nil, nil, false, nil, false, nil, false
        end
        reset()
        for _, m in ipairs(events) do
          local f = {}
          for part in string.gmatch(m .. '\31', '([^\31]*)\31') do f[#f + 1] = part end
          local at, day, kind, who, toAgent, rating = tonumber(f[1]), f[2], f[4], f[5], f[6], f[7]
          local function join(a)
            agent, joinedAt, firstReplied, pendingAt = a, at, false, nil
            if not acceptedAt then acceptedAt = at end
            incr(day, a, 'handled', 1)
          end
          if kind == 'EscalationRequested' then
            if closed then reset() end -- escalated again after closing: a new episode
          elseif kind == 'AgentJoined' then
            if who ~= '' and not closed and agent ~= who then join(who) end
          elseif kind == 'ConversationTransferred' then
            if toAgent ~= '' and not closed and agent ~= toAgent then join(toAgent) end
          elseif kind == 'ConversationRequeued' then
            if not closed then agent, pendingAt = nil, nil end
          elseif kind == 'AgentReplied' then
            if agent and not closed then
              if not firstReplied and (who == '' or who == agent) then
                incr(day, agent, 'frt_ms', math.max(0, at - joinedAt))
                incr(day, agent, 'frt_n', 1)
                firstReplied = true
              end
              if pendingAt then
                incr(day, agent, 'art_ms', math.max(0, at - pendingAt))
                incr(day, agent, 'art_n', 1)
                pendingAt = nil
              end
            end
          elseif kind == 'CustomerReplied' then
            if agent and not closed and not pendingAt then pendingAt = at end
          elseif kind == 'ConversationClosed' then
            if not closed then
              if agent and acceptedAt then
                incr(day, agent, 'res_ms', math.max(0, at - acceptedAt))
                incr(day, agent, 'res_n', 1)
              end
              closed, closedAt, pendingAt = true, at, nil
            end
          elseif kind == 'SurveyAnswered' then
            if rating ~= '' and agent and not rated then
              incr(day, agent, rating, 1)
              rated = true
            end
          end
        end

        local old = redis.call('HGETALL', KEYS[2])
        local before = {}
        for i = 1, #old, 2 do before[old[i]] = tonumber(old[i + 1]) end
        local function apply(k, delta)
          if delta ~= 0 then
            local sep = string.find(k, '\31', 1, true)
            local dayKey = ARGV[4] .. string.sub(k, 1, sep - 1)
            redis.call('HINCRBY', dayKey, string.sub(k, sep + 1), delta)
            redis.call('EXPIRE', dayKey, ARGV[6])
          end
        end
        for k, v in pairs(contrib) do apply(k, v - (before[k] or 0)) end
        for k, v in pairs(before) do if contrib[k] == nil then apply(k, -v) end end
        redis.call('DEL', KEYS[2])
        local flat = {}
        for k, v in pairs(contrib) do
          flat[#flat + 1] = k
          flat[#flat + 1] = v
        end
        if #flat > 0 then
          redis.call('HSET', KEYS[2], unpack(flat))
          redis.call('EXPIRE', KEYS[2], ARGV[5])
        end
        redis.call('EXPIRE', KEYS[1], ARGV[5])

        if agent and not closed then
          redis.call('ZADD', KEYS[3], joinedAt, ARGV[3])
          redis.call('HSET', KEYS[5], ARGV[3], agent)
        else
          redis.call('ZREM', KEYS[3], ARGV[3])
          redis.call('HDEL', KEYS[5], ARGV[3])
        end
        if closed then redis.call('ZADD', KEYS[4], closedAt, ARGV[3]) else redis.call('ZREM', KEYS[4], ARGV[3]) end
        redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', '(' .. ARGV[7])
        return 1
        """;

    /// <summary>Survey answers (traditional script too) as the metric they count under.</summary>
    private static string Rating(string? text) => text?.Trim() switch
    {
        "满意" or "滿意" => AgentMetrics.Satisfied,
        "一般" => AgentMetrics.Neutral,
        "不满意" or "不滿意" => AgentMetrics.Dissatisfied,
        _ => "",
    };

    private static string Clean(string? s) => s?.Replace('\x1f', ' ') ?? "";

    public async Task HandleAsync(HandoffStreamEntry entry, CancellationToken cancellationToken)
    {
        var e = entry.Event;
        if (!Relevant.Contains(e.Kind)) return;
        var atMs = e.At.ToUnixTimeMilliseconds();
        var member = string.Join('\x1f', atMs.ToString(), e.At.UtcDateTime.ToString("yyyyMMdd"), $"{entry.Stream}:{entry.EntryId}",
            e.Kind, Clean(e.AgentId), Clean(e.ToAgentId), e.Kind == HandoffEventKinds.SurveyAnswered ? Rating(e.Text) : "");
        await redis.GetDatabase().ScriptEvaluateAsync(Script,
            [
                ReportKeys.Timeline(e.ConversationId), ReportKeys.Contribution(e.ConversationId),
                ReportKeys.OpenChats, ReportKeys.ClosedChats, ReportKeys.OpenChatAgents,
            ],
            [member, atMs, e.ConversationId, ReportKeys.AgentDailyPrefix, (long)StateTtl.TotalSeconds,
             // Day counters live RetentionDays after their last change; closed chats older than that leave the index.
             (long)TimeSpan.FromDays(_options.RetentionDays).TotalSeconds,
             _clock.GetUtcNow().AddDays(-_options.RetentionDays).ToUnixTimeMilliseconds()]);
    }
}
