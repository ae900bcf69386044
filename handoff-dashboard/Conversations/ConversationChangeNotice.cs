using ChatSupport.HandoffContract.Keys;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.Conversations;

/// <summary>
/// Tells every dashboard instance's search index (Search reads the stream) that a conversation's dashboard-side data
/// (labels, notes) changed. It lives here, beside the conversation, so that Labels and Notes, which Search indexes,
/// need not depend on Search. It writes <see cref="SearchKeys.ChangesStream"/>, not the handoff streams: those go to
/// the bot, and a note must never travel there. Only the conversation id is written; each instance reads the rest from Redis.
/// </summary>
public sealed class ConversationChangeNotice(IConnectionMultiplexer redis)
{
    private const int KeepEntries = 10_000;

    private const string AppendScript = """
        local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', 'conversationId', ARGV[1])
        redis.call('PUBLISH', ARGV[3], id)
        return id
        """;

    public async Task ChangedAsync(string conversationId) =>
        await redis.GetDatabase().ScriptEvaluateAsync(AppendScript, [SearchKeys.ChangesStream],
            [conversationId, KeepEntries, SearchKeys.ChangesWakeUpChannel]);
}
