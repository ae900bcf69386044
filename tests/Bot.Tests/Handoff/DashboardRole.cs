using ChatSupport.HandoffContract;
using StackExchange.Redis;

namespace ChatSupport.Bot.Tests.Handoff;

/// <summary>Plays the dashboard's part of the handoff contract directly on Redis, so the bot's side is tested alone.</summary>
public sealed class DashboardRole(IConnectionMultiplexer redis)
{
    private IDatabase Db => redis.GetDatabase();

    public Task AgentOnlineAsync(string agentId) => Db.SetAddAsync(HandoffKeys.OnlineAgents, agentId);

    public async Task AcceptAsync(string conversationId, string agentId, string agentName)
    {
        await Db.SortedSetRemoveAsync(HandoffKeys.Queue, conversationId);
        await Db.HashSetAsync(HandoffKeys.Conversation(conversationId),
            [new HashEntry(ConversationFields.Status, nameof(ConversationStatus.WithAgent)), new HashEntry(ConversationFields.Assignee, agentId)]);
        await SendAsync(new HandoffEvent { Kind = HandoffEventKinds.AgentJoined, ConversationId = conversationId, AgentId = agentId, AgentName = agentName });
    }

    public Task ReplyAsync(string conversationId, string agentId, string agentName, string text) =>
        SendAsync(new HandoffEvent { Kind = HandoffEventKinds.AgentReplied, ConversationId = conversationId, AgentId = agentId, AgentName = agentName, Text = text });

    public async Task CloseAsync(string conversationId, string agentId)
    {
        await Db.HashSetAsync(HandoffKeys.Conversation(conversationId), ConversationFields.Status, nameof(ConversationStatus.Closed));
        await SendAsync(new HandoffEvent { Kind = HandoffEventKinds.ConversationClosed, ConversationId = conversationId, AgentId = agentId });
    }

    public async Task SendAsync(HandoffEvent evt)
    {
        var id = await Db.ScriptEvaluateAsync("return redis.call('XADD', KEYS[1], '*', 'event', ARGV[1])", [HandoffKeys.ToBotStream], [evt.ToJson()]);
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(HandoffKeys.ToBotWakeUpChannel), id.ToString());
    }

    /// <summary>Events the bot wrote to the to-dashboard stream, oldest first.</summary>
    public async Task<IReadOnlyList<HandoffEvent>> EventsFromBotAsync()
    {
        var entries = (RedisResult[])(await Db.ScriptEvaluateAsync("return redis.call('XRANGE', KEYS[1], '-', '+')", [HandoffKeys.ToDashboardStream]))!;
        return entries.Select(e => HandoffEvent.FromJson((string)((RedisResult[])((RedisResult[])e!)[1]!)[1]!)).ToList();
    }

    public async Task<string?> StatusAsync(string conversationId) =>
        await Db.HashGetAsync(HandoffKeys.Conversation(conversationId), ConversationFields.Status);

    public async Task<IReadOnlyList<TranscriptEntry>> TranscriptAsync(string conversationId) =>
        (await Db.ListRangeAsync(HandoffKeys.Transcript(conversationId))).Select(v => TranscriptEntryJson.FromJson(v.ToString())).ToList();

    public async Task<IReadOnlyList<string>> QueueAsync() =>
        (await Db.SortedSetRangeByRankAsync(HandoffKeys.Queue)).Select(v => v.ToString()).ToList();
}
