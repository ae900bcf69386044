using System.Text.Json;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.Handovers;

/// <summary>Handover notes: one sorted set scored by time (ms), members are the notes' JSON (unique by id).</summary>
public sealed class HandoverStore(IConnectionMultiplexer redis)
{
    /// <summary>Sorted set of <see cref="HandoverNote"/> JSON by time. Dashboard-internal.</summary>
    internal const string NotesKey = "chatsupport:handovers";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task AddAsync(HandoverNote note) =>
        redis.GetDatabase().SortedSetAddAsync(NotesKey, JsonSerializer.Serialize(note, Json), note.At.ToUnixTimeMilliseconds());

    /// <summary>Notes written in [from, to), newest first.</summary>
    public async Task<IReadOnlyList<HandoverNote>> BetweenAsync(DateTimeOffset from, DateTimeOffset to, int limit = 200)
    {
        var members = await redis.GetDatabase().SortedSetRangeByScoreAsync(NotesKey,
            from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds(), Exclude.Stop, Order.Descending, 0, limit);
        return members.Select(m => JsonSerializer.Deserialize<HandoverNote>(m.ToString(), Json)!).ToList();
    }
}
