using ChatSupport.HandoffContract;
using StackExchange.Redis;
using ChatSupport.HandoffContract.Keys;

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
/// contributed before is applied to the day counters, so the result depends only on the set of events, and a
/// redelivered event (same member) changes nothing.
/// On Redis Cluster the three kinds of keys live in different slots: the timeline and contribution in the
/// conversation's (<c>{conv:id}</c>), day counters in each day's (<c>{day:yyyyMMdd}</c>), the chat indexes in
/// <c>{reports}</c>. So one script, atomic per conversation, records the event and the new contribution and returns
/// the difference; the caller then adds that difference to the day counters (HINCRBY, which commutes, so instances
/// applying differences of one conversation in any order reach the same totals) and sets the conversation's place in
/// the chat indexes through a second script that keeps only the view from the longest timeline (an instance that
/// computed from fewer events never overwrites a newer view). A crash between the first script and the counters
/// loses that one event's difference (the event is already in the timeline, so its redelivery adds nothing): one
/// figure of one chat off by one event, which the day's totals tolerate; nothing else is ever inconsistent.
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
        if redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1]) == 0 then return {} end
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
        local latest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
        local out = { latest[2] .. ':' .. #events, (agent and not closed) and 1 or 0, joinedAt or 0, agent or '', closed and 1 or 0, closedAt or 0 }
        local function apply(k, delta)
          if delta ~= 0 then
            out[#out + 1] = k
            out[#out + 1] = delta
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
          redis.call('EXPIRE', KEYS[2], ARGV[3])
        end
        redis.call('EXPIRE', KEYS[1], ARGV[3])
        return out
        """;

    // KEYS: open chats, closed chats, open-chat agents, indexed version (all {reports}).
    // ARGV: conversation, version (latest ms:events), open (1/0), joined ms, agent, closed (1/0), closed ms, trim before ms.
    private const string IndexScript = """
        -- The view's version is "latest event ms:number of events": a later latest event, or more events at the same
        -- latest time, is newer (the timeline may expire and start again, so the count alone would go back).
        local function parse(v)
          local sep = string.find(v, ':', 1, true)
          return tonumber(string.sub(v, 1, sep - 1)), tonumber(string.sub(v, sep + 1))
        end
        local newer = true
        local seen = redis.call('HGET', KEYS[4], ARGV[1])
        if seen then
          local sa, sn = parse(seen)
          local na, nn = parse(ARGV[2])
          newer = na > sa or (na == sa and nn > sn)
        end
        if newer then
          redis.call('HSET', KEYS[4], ARGV[1], ARGV[2])
          if ARGV[3] == '1' then
            redis.call('ZADD', KEYS[1], ARGV[4], ARGV[1])
            redis.call('HSET', KEYS[3], ARGV[1], ARGV[5])
          else
            redis.call('ZREM', KEYS[1], ARGV[1])
            redis.call('HDEL', KEYS[3], ARGV[1])
          end
          if ARGV[6] == '1' then redis.call('ZADD', KEYS[2], ARGV[7], ARGV[1]) else redis.call('ZREM', KEYS[2], ARGV[1]) end
        end
        local old = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[8])
        if #old > 0 then
          redis.call('ZREM', KEYS[2], unpack(old))
          redis.call('HDEL', KEYS[4], unpack(old))
        end
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
        var db = redis.GetDatabase();
        var result = (RedisResult[])(await db.ScriptEvaluateAsync(Script,
            [ReportKeys.Timeline(e.ConversationId), ReportKeys.Contribution(e.ConversationId)],
            [member, atMs, (long)StateTtl.TotalSeconds]))!;
        if (result.Length == 0) return; // redelivered: already counted

        // Day counters live RetentionDays after their last change; closed chats older than that leave the index.
        var dayRetention = TimeSpan.FromDays(_options.RetentionDays);
        var counters = new List<Task>();
        for (var i = 6; i + 1 < result.Length; i += 2)
        {
            var cell = (string)result[i]!;
            var sep = cell.IndexOf('\x1f');
            var day = DateOnly.ParseExact(cell[..sep], "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
            var dayKey = ReportKeys.AgentDaily(day);
            counters.Add(db.HashIncrementAsync(dayKey, cell[(sep + 1)..], (long)result[i + 1]));
            counters.Add(db.KeyExpireAsync(dayKey, dayRetention));
        }
        await Task.WhenAll(counters);
        await db.ScriptEvaluateAsync(IndexScript,
            [ReportKeys.OpenChats, ReportKeys.ClosedChats, ReportKeys.OpenChatAgents, ReportKeys.IndexedVersion],
            [e.ConversationId, (string?)result[0], (long)result[1], (long)result[2], (string?)result[3] ?? "", (long)result[4], (long)result[5],
             _clock.GetUtcNow().AddDays(-_options.RetentionDays).ToUnixTimeMilliseconds()]);
    }
}
