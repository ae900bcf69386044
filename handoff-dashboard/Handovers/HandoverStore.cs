using System.Text.Json;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.Handovers;

/// <summary>Handover notes: one sorted set scored by time (ms), members are the notes' JSON (unique by id).</summary>
public sealed class HandoverStore(IConnectionMultiplexer redis, Microsoft.Extensions.Options.IOptions<HandoverOptions> options)
{
    /// <summary>Sorted set of <see cref="HandoverNote"/> JSON by time. Dashboard-internal.</summary>
    internal const string NotesKey = HandoffContract.Keys.DashboardKeys.HandoverNotes;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Adds a note and drops the notes older than Handovers:RetentionDays (the board shows two weeks at most).</summary>
    public async Task AddAsync(HandoverNote note)
    {
        var db = redis.GetDatabase();
        await db.SortedSetAddAsync(NotesKey, JsonSerializer.Serialize(note, Json), note.At.ToUnixTimeMilliseconds());
        await db.SortedSetRemoveRangeByScoreAsync(NotesKey, double.NegativeInfinity,
            note.At.AddDays(-options.Value.RetentionDays).ToUnixTimeMilliseconds(), Exclude.Stop);
    }

    /// <summary>Notes written in [from, to), newest first.</summary>
    public async Task<IReadOnlyList<HandoverNote>> BetweenAsync(DateTimeOffset from, DateTimeOffset to, int limit = 200)
    {
        var members = await redis.GetDatabase().SortedSetRangeByScoreAsync(NotesKey,
            from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds(), Exclude.Stop, Order.Descending, 0, limit);
        return members.Select(m => JsonSerializer.Deserialize<HandoverNote>(m.ToString(), Json)!).ToList();
    }
}
