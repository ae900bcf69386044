using ChatSupport.HandoffContract.Keys;
using ChatSupport.HandoffDashboard.Conversations;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.StaleChats;

/// <summary>
/// The agents a chat has gone stale with (<see cref="StaleChatKeys.PassedOverAgents"/>): its next automatic
/// assignment or hand-on goes to someone else. Without this, a requeued chat went straight back to the silent agent
/// (online, and with one chat fewer the least loaded) and the shopper waited again.
/// </summary>
public sealed class PassedOverAgents(IConnectionMultiplexer redis, IOptions<StaleChatOptions> options) : IPassedOverAgents
{
    public async Task AddAsync(string conversationId, string agentId)
    {
        var key = StaleChatKeys.PassedOverAgents(conversationId);
        var batch = redis.GetDatabase().CreateBatch();
        var add = batch.SetAddAsync(key, agentId);
        var expire = batch.KeyExpireAsync(key, options.Value.PassedOverFor);
        batch.Execute();
        await Task.WhenAll(add, expire);
    }

    public async Task<IReadOnlySet<string>> OfAsync(string conversationId) =>
        (await redis.GetDatabase().SetMembersAsync(StaleChatKeys.PassedOverAgents(conversationId))).Select(v => (string)v!).ToHashSet(StringComparer.Ordinal);
}
