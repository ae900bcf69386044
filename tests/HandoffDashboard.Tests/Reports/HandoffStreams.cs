using ChatSupport.HandoffContract;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.Tests.Reports;

/// <summary>Writes handoff events the way the bot and the dashboard core do: XADD to the right stream, then the wake-up.</summary>
public static class HandoffStreams
{
    private static readonly HashSet<string> ToBot =
    [
        HandoffEventKinds.AgentJoined, HandoffEventKinds.AgentReplied, HandoffEventKinds.AgentTyping,
        HandoffEventKinds.ConversationTransferred, HandoffEventKinds.ConversationClosed, HandoffEventKinds.ConversationRequeued,
    ];

    public static string StreamOf(HandoffEvent e) => ToBot.Contains(e.Kind) ? HandoffKeys.ToBotStream : HandoffKeys.ToDashboardStream;

    /// <summary>Appends and returns the entry id.</summary>
    public static async Task<string> AppendAsync(IDatabase db, HandoffEvent e)
    {
        var stream = StreamOf(e);
        var channel = stream == HandoffKeys.ToBotStream ? HandoffKeys.ToBotWakeUpChannel : HandoffKeys.ToDashboardWakeUpChannel;
        var id = (string)(await db.ScriptEvaluateAsync(
            "local id = redis.call('XADD', KEYS[1], '*', 'event', ARGV[1]) redis.call('PUBLISH', ARGV[2], id) return id",
            [stream], [e.ToJson(), channel]))!;
        return id;
    }

    /// <summary>True when the report group has read and acknowledged everything on both streams.</summary>
    public static async Task<bool> AllConsumedAsync(IDatabase db)
    {
        foreach (var stream in new[] { HandoffKeys.ToBotStream, HandoffKeys.ToDashboardStream })
        {
            if (!await db.KeyExistsAsync(stream)) continue;
            var result = await db.ScriptEvaluateAsync("""
                local ok, groups = pcall(redis.call, 'XINFO', 'GROUPS', KEYS[1])
                if not ok then return -1 end
                local last = redis.call('XINFO', 'STREAM', KEYS[1])
                local lastId
                for i = 1, #last, 2 do if last[i] == 'last-generated-id' then lastId = last[i + 1] end end
                for _, g in ipairs(groups) do
                  local name, pending, delivered
                  for i = 1, #g, 2 do
                    if g[i] == 'name' then name = g[i + 1] end
                    if g[i] == 'pending' then pending = g[i + 1] end
                    if g[i] == 'last-delivered-id' then delivered = g[i + 1] end
                  end
                  if name == 'reports' then
                    if pending == 0 and delivered == lastId then return 1 end
                    return 0
                  end
                end
                return -1
                """, [stream]);
            if ((long)result != 1) return false;
        }
        return true;
    }
}
