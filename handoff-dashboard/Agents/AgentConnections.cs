using System.Collections.Concurrent;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Redis;
using StackExchange.Redis;
using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.HandoffDashboard.Agents;

/// <summary>
/// Which agents have a dashboard page open. Locally: this instance's SignalR connections per agent (to add
/// them to conversation groups). In Redis: every instance's connections per agent, so the grace period starts
/// only when an agent's last page anywhere closes.
/// </summary>
public sealed class AgentConnections(IConnectionMultiplexer redis)
{
    /// <summary>Identifies this process among the dashboard instances sharing Redis.</summary>
    public string InstanceId { get; } = $"{Environment.ProcessId}-{Guid.NewGuid():N}";

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _local = new();

    private const string ConnectScript = """
        redis.call('SADD', KEYS[1], ARGV[1])
        redis.call('ZREM', KEYS[2], ARGV[2])
        return 1
        """;

    // Starts the grace period only when no page of the agent is open on any instance.
    private const string DisconnectScript = """
        redis.call('SREM', KEYS[1], ARGV[1])
        if redis.call('SCARD', KEYS[1]) == 0 then
          redis.call('ZADD', KEYS[2], ARGV[3], ARGV[2])
          return 1
        end
        return 0
        """;

    // One instance wins the expiry of an agent's grace period; it then requeues their chats.
    private const string ExpireScript = """
        local due = redis.call('ZSCORE', KEYS[2], ARGV[1])
        if not due or tonumber(due) > tonumber(ARGV[2]) then return 0 end
        redis.call('ZREM', KEYS[2], ARGV[1])
        if redis.call('SCARD', KEYS[1]) > 0 then return 0 end
        redis.call('HSET', KEYS[3], ARGV[1], 'offline')
        redis.call('SREM', KEYS[4], ARGV[1])
        return 1
        """;

    // conversation id -> (connection id -> agent id) of this instance's pages watching a chat they do not own.
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, string>> _watchers = new();

    public void Watching(string conversationId, string connectionId, string agentId) =>
        _watchers.GetOrAdd(conversationId, _ => new())[connectionId] = agentId;

    public void NotWatching(string conversationId, string connectionId)
    {
        if (_watchers.TryGetValue(conversationId, out var set)) set.TryRemove(connectionId, out _);
    }

    /// <summary>Removes and returns this instance's watchers of a chat (its owner changed: who may still see it is re-checked).</summary>
    public IReadOnlyList<(string ConnectionId, string AgentId)> TakeWatchers(string conversationId) =>
        _watchers.TryRemove(conversationId, out var set) ? set.Select(p => (p.Key, p.Value)).ToList() : [];

        public IReadOnlyCollection<string> LocalConnectionsOf(string agentId) =>
        _local.TryGetValue(agentId, out var set) ? set.Keys.ToList() : [];

    public async Task ConnectedAsync(string agentId, string connectionId)
    {
        _local.GetOrAdd(agentId, _ => new()).TryAdd(connectionId, 0);
        await redis.GetDatabase().ScriptEvaluateAsync(ConnectScript,
            [AgentKeys.Connections(agentId), AgentKeys.DisconnectGrace], [Qualified(connectionId), agentId]);
    }

    /// <summary>True when this was the agent's last open page and the grace period has started.</summary>
    public async Task<bool> DisconnectedAsync(string agentId, string connectionId, TimeSpan grace)
    {
        if (_local.TryGetValue(agentId, out var set)) set.TryRemove(connectionId, out _);
        foreach (var watched in _watchers.Values) watched.TryRemove(connectionId, out _);
        var due = DateTimeOffset.UtcNow.Add(grace).ToUnixTimeMilliseconds();
        var started = await redis.GetDatabase().ScriptEvaluateAsync(DisconnectScript,
            [AgentKeys.Connections(agentId), AgentKeys.DisconnectGrace], [Qualified(connectionId), agentId, due]);
        return (int)started == 1;
    }

    /// <summary>Agents whose grace period has ended, each claimed by exactly one instance (and marked offline).</summary>
    public async Task<IReadOnlyList<string>> ClaimExpiredAsync(DateTimeOffset now)
    {
        var db = redis.GetDatabase();
        var due = await db.SortedSetRangeByScoreAsync(AgentKeys.DisconnectGrace, double.NegativeInfinity, now.ToUnixTimeMilliseconds());
        var claimed = new List<string>();
        foreach (var agent in due.Select(v => (string)v!))
        {
            var won = await db.ScriptEvaluateAsync(ExpireScript,
                [AgentKeys.Connections(agent), AgentKeys.DisconnectGrace, AgentKeys.Presence, HandoffKeys.OnlineAgents],
                [agent, now.ToUnixTimeMilliseconds()]);
            if ((int)won == 1) claimed.Add(agent);
        }
        return claimed;
    }

    /// <summary>Marks this instance alive for <paramref name="ttl"/>; called well within it by the sweep.</summary>
    public Task HeartbeatAsync(TimeSpan ttl) =>
        redis.GetDatabase().StringSetAsync(AgentKeys.InstanceAlive(InstanceId), "1", ttl);

    /// <summary>
    /// Forgets connections held by instances that stopped without saying goodbye (crashed, killed), so their
    /// agents' grace period starts as if their pages had closed. Returns the agents whose grace period started.
    /// </summary>
    public async Task<IReadOnlyList<string>> ForgetDeadInstancesAsync(IEnumerable<string> agentIds, TimeSpan grace)
    {
        var db = redis.GetDatabase();
        var started = new List<string>();
        foreach (var agent in agentIds)
        {
            foreach (var member in (await db.SetMembersAsync(AgentKeys.Connections(agent))).Select(v => (string)v!))
            {
                var instance = member[..Math.Max(0, member.IndexOf(':'))];
                if (instance == InstanceId || await db.KeyExistsAsync(AgentKeys.InstanceAlive(instance))) continue;
                var due = DateTimeOffset.UtcNow.Add(grace).ToUnixTimeMilliseconds();
                var result = await db.ScriptEvaluateAsync(DisconnectScript,
                    [AgentKeys.Connections(agent), AgentKeys.DisconnectGrace], [member, agent, due]);
                if ((int)result == 1) started.Add(agent);
            }
        }
        return started;
    }

    private string Qualified(string connectionId) => $"{InstanceId}:{connectionId}";
}
