using System.Text.Json;
using ChatSupport.HandoffContract.Keys;
using StackExchange.Redis;

namespace ChatSupport.HandoffContract;

/// <summary>One entry read from a handoff stream: its id and its event, or why the event could not be read.</summary>
/// <param name="Id">Stream entry id.</param>
/// <param name="Event">The event, or null when the entry has none or it is not a valid <see cref="HandoffEvent"/>.</param>
/// <param name="Error">Why <paramref name="Event"/> is null (the entry can never become readable: acknowledge and skip it).</param>
public sealed record HandoffStreamRead(string Id, HandoffEvent? Event, string? Error);

/// <summary>
/// The one way every consumer reads a handoff stream (the bot's relay, the dashboard's bus listener and its report
/// ingest): StackExchange.Redis's native stream calls, one key per call (any slot on a cluster), and one parser
/// of the <see cref="StreamKeys.EventField"/> field.
/// </summary>
public static class HandoffStreamReader
{
    /// <summary>Entries after <paramref name="afterId"/>, oldest first, at most <paramref name="count"/> (no consumer group).</summary>
    public static async Task<IReadOnlyList<HandoffStreamRead>> ReadAfterAsync(IDatabaseAsync db, string stream, string afterId, int count) =>
        Parse(await db.StreamReadAsync(stream, afterId, count));

    /// <summary>Id of the newest entry, or 0-0 when the stream is empty or missing.</summary>
    public static async Task<string> LastIdAsync(IDatabaseAsync db, string stream)
    {
        var newest = await db.StreamRangeAsync(stream, "-", "+", 1, Order.Descending);
        return newest.Length == 0 ? "0-0" : newest[0].Id.ToString();
    }

    /// <summary>
    /// XREADGROUP at <paramref name="position"/> (">" for new entries, "0-0" for this consumer's pending ones). When
    /// <paramref name="createGroupAt"/> is given, a missing group (or stream) is created there first and the read retried.
    /// </summary>
    public static async Task<IReadOnlyList<HandoffStreamRead>> ReadGroupAsync(IDatabaseAsync db, string stream, string group, string consumer,
        RedisValue position, int count, RedisValue? createGroupAt = null)
    {
        try
        {
            return Parse(await db.StreamReadGroupAsync(stream, group, consumer, position, count));
        }
        catch (RedisServerException ex) when (createGroupAt is { } at && ex.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
        {
            await CreateGroupAsync(db, stream, group, at);
            return Parse(await db.StreamReadGroupAsync(stream, group, consumer, position, count));
        }
    }

    /// <summary>Creates the group at <paramref name="position"/> (and the stream if missing); a group that exists already is kept as it is.</summary>
    public static async Task CreateGroupAsync(IDatabaseAsync db, string stream, string group, RedisValue position)
    {
        try
        {
            await db.StreamCreateConsumerGroupAsync(stream, group, position, createStream: true);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
        }
    }

    /// <summary>Takes over entries other consumers of the group left pending longer than <paramref name="minIdle"/> (XAUTOCLAIM).</summary>
    public static async Task<IReadOnlyList<HandoffStreamRead>> ClaimIdleAsync(IDatabaseAsync db, string stream, string group, string consumer,
        TimeSpan minIdle, int count)
    {
        try
        {
            var claimed = await db.StreamAutoClaimAsync(stream, group, consumer, (long)minIdle.TotalMilliseconds, "0-0", count);
            return Parse(claimed.ClaimedEntries);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
        {
            return [];
        }
    }

    public static Task<long> AcknowledgeAsync(IDatabaseAsync db, string stream, string group, IEnumerable<string> ids) =>
        db.StreamAcknowledgeAsync(stream, group, ids.Select(i => (RedisValue)i).ToArray());

    private static List<HandoffStreamRead> Parse(StreamEntry[] entries)
    {
        var list = new List<HandoffStreamRead>(entries.Length);
        foreach (var entry in entries)
        {
            var id = entry.Id.ToString();
            // XAUTOCLAIM returns deleted (trimmed) entries with no fields.
            var json = entry.IsNull ? RedisValue.Null : entry[StreamKeys.EventField];
            if (json.IsNull)
            {
                list.Add(new HandoffStreamRead(id, null, "entry has no event field (deleted or foreign)"));
                continue;
            }
            try
            {
                list.Add(new HandoffStreamRead(id, HandoffEvent.FromJson(json.ToString()), null));
            }
            catch (JsonException ex)
            {
                list.Add(new HandoffStreamRead(id, null, ex.Message));
            }
        }
        return list;
    }
}
