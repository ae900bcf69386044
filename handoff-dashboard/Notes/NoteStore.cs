using System.Text.Json;
using ChatSupport.HandoffContract.Keys;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.Notes;

public sealed class NoteStore(IConnectionMultiplexer redis, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Notes older than this go with the list's expiry (refreshed on every new note), like a transcript's retention.</summary>
    private static readonly TimeSpan Retention = TimeSpan.FromDays(400);

    public async Task<ChatNote> AddAsync(string conversationId, string agentId, string agentName, string text)
    {
        var note = new ChatNote(Guid.NewGuid().ToString("N"), conversationId, agentId, agentName, clock.GetUtcNow(), text);
        var db = redis.GetDatabase();
        var key = NoteKeys.OfConversation(conversationId);
        await db.ListRightPushAsync(key, JsonSerializer.Serialize(note, Json));
        await db.KeyExpireAsync(key, Retention);
        return note;
    }

    public async Task<IReadOnlyList<ChatNote>> ListAsync(string conversationId)
    {
        var values = await redis.GetDatabase().ListRangeAsync(NoteKeys.OfConversation(conversationId));
        var notes = new List<ChatNote>(values.Length);
        foreach (var v in values)
        {
            try
            {
                if (JsonSerializer.Deserialize<ChatNote>((string)v!, Json) is { } note) notes.Add(note);
            }
            catch (JsonException)
            {
                // A foreign or damaged entry is skipped rather than hiding every other note.
            }
        }
        return notes;
    }
}
