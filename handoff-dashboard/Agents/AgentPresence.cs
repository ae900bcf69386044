using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Redis;
using StackExchange.Redis;
using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.HandoffDashboard.Agents;

/// <summary>
/// Agents' online / away / offline status. The status hash is for the dashboard's pages; the contract's
/// OnlineAgents set (read by the bot to decide between queueing and leaving a message) mirrors "online".
/// </summary>
public sealed class AgentPresence(IConnectionMultiplexer redis)
{
    private const string SetScript = """
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        if ARGV[2] == 'online' then redis.call('SADD', KEYS[2], ARGV[1]) else redis.call('SREM', KEYS[2], ARGV[1]) end
        return 1
        """;

    public Task SetAsync(string agentId, AgentStatus status) =>
        redis.GetDatabase().ScriptEvaluateAsync(SetScript,
            [AgentKeys.Presence, HandoffKeys.OnlineAgents], [agentId, status.ToWireName()]);

    public async Task<AgentStatus> GetAsync(string agentId) =>
        AgentStatusNames.FromWireName(await redis.GetDatabase().HashGetAsync(AgentKeys.Presence, agentId)) ?? AgentStatus.Offline;

    public async Task<IReadOnlyDictionary<string, AgentStatus>> AllAsync()
    {
        var entries = await redis.GetDatabase().HashGetAllAsync(AgentKeys.Presence);
        return entries.ToDictionary(e => (string)e.Name!, e => AgentStatusNames.FromWireName(e.Value) ?? AgentStatus.Offline);
    }

    public async Task<IReadOnlySet<string>> OnlineAsync() =>
        (await redis.GetDatabase().SetMembersAsync(HandoffKeys.OnlineAgents)).Select(v => (string)v!).ToHashSet();

    public async Task<IReadOnlyDictionary<string, long>> LoadsAsync(IEnumerable<string> agentIds)
    {
        var db = redis.GetDatabase();
        var ids = agentIds.ToList();
        var counts = await Task.WhenAll(ids.Select(id => db.SetLengthAsync(AgentKeys.Conversations(id))));
        return ids.Zip(counts).ToDictionary(p => p.First, p => p.Second);
    }
}
