using System.Text.Json;
using ChatSupport.HandoffContract.Keys;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.Labels;

/// <summary>The label list (<see cref="LabelKeys.Catalogue"/>) and each conversation's labels (<see cref="LabelKeys.OfConversation"/>).</summary>
public sealed class LabelStore(IConnectionMultiplexer redis, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private IDatabase Db => redis.GetDatabase();

    public async Task<IReadOnlyList<ChatLabel>> ListAsync()
    {
        var entries = await Db.HashGetAllAsync(LabelKeys.Catalogue);
        return entries.Select(e => JsonSerializer.Deserialize<ChatLabel>((string)e.Value!, Json)!)
            .OrderBy(l => l.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>False when a label of that name exists already.</summary>
    public async Task<bool> AddAsync(string name, string? color, string createdBy)
    {
        var label = new ChatLabel(name, color, createdBy, clock.GetUtcNow());
        return await Db.HashSetAsync(LabelKeys.Catalogue, name, JsonSerializer.Serialize(label, Json), When.NotExists);
    }

    /// <summary>
    /// Takes the label off the list. Chats that carry it keep it (history is not rewritten); it can no longer be
    /// put on a chat, and a chat's labels are only ever replaced as a whole.
    /// </summary>
    public async Task<bool> RemoveAsync(string name) => await Db.HashDeleteAsync(LabelKeys.Catalogue, name);

    public async Task<IReadOnlySet<string>> NamesAsync() =>
        (await Db.HashKeysAsync(LabelKeys.Catalogue)).Select(v => (string)v!).ToHashSet(StringComparer.Ordinal);

    public async Task<IReadOnlyList<string>> OfConversationAsync(string conversationId) =>
        (await Db.SetMembersAsync(LabelKeys.OfConversation(conversationId))).Select(v => (string)v!)
            .OrderBy(v => v, StringComparer.Ordinal).ToList();

    private const string ReplaceScript = """
        redis.call('DEL', KEYS[1])
        if #ARGV > 0 then redis.call('SADD', KEYS[1], unpack(ARGV)) end
        return #ARGV
        """;

    public async Task ReplaceAsync(string conversationId, IReadOnlyCollection<string> labels) =>
        await Db.ScriptEvaluateAsync(ReplaceScript, [LabelKeys.OfConversation(conversationId)], [.. labels.Select(l => (RedisValue)l)]);
}
