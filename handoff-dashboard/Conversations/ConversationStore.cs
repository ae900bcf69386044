using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Redis;
using StackExchange.Redis;
using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.HandoffDashboard.Conversations;

/// <summary>Reads of the contract's conversation records, transcripts and queue, plus the agents' read marks.</summary>
public sealed class ConversationStore(IConnectionMultiplexer redis)
{
    private IDatabase Db => redis.GetDatabase();

    public async Task<ConversationSnapshot?> GetAsync(string id) =>
        ConversationSnapshot.From(id, await Db.HashGetAllAsync(HandoffKeys.Conversation(id)));

    public async Task<IReadOnlyList<ConversationSnapshot>> GetManyAsync(IEnumerable<string> ids)
    {
        var db = Db;
        var list = ids.ToList();
        var hashes = await Task.WhenAll(list.Select(id => db.HashGetAllAsync(HandoffKeys.Conversation(id))));
        return list.Zip(hashes).Select(p => ConversationSnapshot.From(p.First, p.Second)).OfType<ConversationSnapshot>().ToList();
    }

    /// <summary>Queued conversations, first served first.</summary>
    public async Task<IReadOnlyList<ConversationSnapshot>> QueueAsync(int take = 500)
    {
        var ids = await Db.SortedSetRangeByRankAsync(HandoffKeys.Queue, 0, take - 1);
        return await GetManyAsync(ids.Select(v => (string)v!));
    }

    public async Task<IReadOnlyList<string>> AgentConversationIdsAsync(string agentId) =>
        (await Db.SetMembersAsync(AgentKeys.Conversations(agentId))).Select(v => (string)v!).OrderBy(v => v, StringComparer.Ordinal).ToList();

    /// <summary>Transcript lines, oldest first; a malformed line is shown as a system line instead of breaking the view.</summary>
    public async Task<IReadOnlyList<TranscriptEntry>> TranscriptAsync(string id, long start = 0, long stop = -1)
    {
        var lines = await Db.ListRangeAsync(HandoffKeys.Transcript(id), start, stop);
        return lines.Select(l => Parse((string)l!)).ToList();
    }

    private static TranscriptEntry Parse(string json)
    {
        try
        {
            return TranscriptEntryJson.FromJson(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return new TranscriptEntry("", DateTimeOffset.MinValue, TranscriptSenders.System, null, "（无法读取的记录）");
        }
    }

    /// <summary>The shopper's other conversations, newest first.</summary>
    public async Task<IReadOnlyList<ConversationSnapshot>> EarlierAsync(string customerId, string exceptId, int take)
    {
        if (take == 0) return [];
        var ids = await Db.SortedSetRangeByRankAsync(HandoffKeys.CustomerConversations(customerId), 0, take, Order.Descending);
        var others = ids.Select(v => (string)v!).Where(v => v != exceptId).Take(take);
        return await GetManyAsync(others);
    }

    // A read mark is the time of the newest line the agent had seen, not a position: the bot trims a long transcript
    // from its head (Handoff:MaxTranscriptLines), which shifts every position, and a position-based count then read 0.
    // Marks written before that change are list lengths (small numbers) and are still read as positions.
    private const long LegacyPositionMarkBelow = 1_000_000_000_000; // 2001-09-09 in Unix milliseconds
    private const int MaxUnreadLinesScanned = 1000;

    /// <summary>Customer lines the agent has not read yet (counted among the newest 1,000 lines).</summary>
    public async Task<int> UnreadAsync(string agentId, string conversationId)
    {
        var db = Db;
        var mark = (long?)await db.HashGetAsync(AgentKeys.ReadMarks(agentId), conversationId) ?? 0;
        if (mark is > 0 and < LegacyPositionMarkBelow)
        {
            var rest = await db.ListRangeAsync(HandoffKeys.Transcript(conversationId), mark, -1);
            return rest.Count(l => SafeLine((string?)l)?.Sender == TranscriptSenders.Customer);
        }
        // The newest lines in one read, walked newest first until a line the agent had already seen. One LRANGE is
        // one snapshot: reading pages by negative index instead counted a line twice when the bot appended lines
        // between two pages (every index moves by the lines added).
        var unread = 0;
        var newest = await db.ListRangeAsync(HandoffKeys.Transcript(conversationId), -MaxUnreadLinesScanned, -1);
        for (var i = newest.Length - 1; i >= 0; i--)
        {
            if (SafeLine((string?)newest[i]) is not { } line) continue;
            if (line.Timestamp.ToUnixTimeMilliseconds() <= mark) return unread;
            if (line.Sender == TranscriptSenders.Customer) unread++;
        }
        return unread;
    }

    private static TranscriptEntry? SafeLine(string? json)
    {
        if (json is null) return null;
        try { return TranscriptEntryJson.FromJson(json); }
        catch (System.Text.Json.JsonException) { return null; }
    }

    /// <summary>Drops the agent's read mark of a chat they no longer hold (closed, transferred, requeued). Idempotent.</summary>
    public Task ForgetReadMarkAsync(string agentId, string conversationId) =>
        Db.HashDeleteAsync(AgentKeys.ReadMarks(agentId), conversationId);

    /// <summary>Marks everything up to the newest line as read.</summary>
    public async Task MarkReadAsync(string agentId, string conversationId)
    {
        var db = Db;
        var newest = SafeLine((string?)await db.ListGetByIndexAsync(HandoffKeys.Transcript(conversationId), -1));
        var mark = newest is null ? LegacyPositionMarkBelow : Math.Max(LegacyPositionMarkBelow, newest.Timestamp.ToUnixTimeMilliseconds());
        await db.HashSetAsync(AgentKeys.ReadMarks(agentId), conversationId, mark);
    }
}
