using ChatSupport.HandoffContract;
using StackExchange.Redis;
using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.HandoffDashboard.Reports;

public sealed record OpenChat(string ConversationId, string? AgentId, string? CustomerName, DateTimeOffset Since);

public sealed record WaitingChat(string ConversationId, string? CustomerName, string? Reason, string? EscalatedAt);

/// <summary>Chats in progress (from the report ingest's index) and waiting (the contract's queue), for the shift handover.</summary>
public sealed class OpenChatsIndex(IConnectionMultiplexer redis)
{
    public async Task<IReadOnlyList<OpenChat>> WithAgentsAsync(int limit = 500)
    {
        var db = redis.GetDatabase();
        var entries = await db.SortedSetRangeByRankWithScoresAsync(ReportKeys.OpenChats, 0, limit - 1);
        var batch = db.CreateBatch();
        var agents = entries.Select(e => batch.HashGetAsync(ReportKeys.OpenChatAgents, e.Element)).ToList();
        var names = entries.Select(e => batch.HashGetAsync(HandoffKeys.Conversation(e.Element!), ConversationFields.CustomerName)).ToList();
        batch.Execute();
        var list = new List<OpenChat>();
        for (var i = 0; i < entries.Length; i++)
        {
            list.Add(new OpenChat(entries[i].Element!, (string?)await agents[i], (string?)await names[i],
                DateTimeOffset.FromUnixTimeMilliseconds((long)entries[i].Score)));
        }
        return list;
    }

    public async Task<IReadOnlyList<WaitingChat>> WaitingAsync(int limit = 500)
    {
        var db = redis.GetDatabase();
        var ids = await db.SortedSetRangeByRankAsync(HandoffKeys.Queue, 0, limit - 1);
        var batch = db.CreateBatch();
        RedisValue[] fields = [ConversationFields.CustomerName, ConversationFields.Reason, ConversationFields.EscalatedAt];
        var tasks = ids.Select(id => batch.HashGetAsync(HandoffKeys.Conversation(id!), fields)).ToList();
        batch.Execute();
        var list = new List<WaitingChat>();
        for (var i = 0; i < ids.Length; i++)
        {
            var v = await tasks[i];
            list.Add(new WaitingChat(ids[i]!, (string?)v[0], (string?)v[1], (string?)v[2]));
        }
        return list;
    }
}
