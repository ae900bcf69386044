using ChatSupport.HandoffContract;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.Redis;

/// <summary>Plain (group-less) stream reads for the bus listener, through the contract's <see cref="HandoffStreamReader"/>.</summary>
public static class RedisStreams
{
    /// <summary>Entries after <paramref name="afterId"/>, oldest first, at most <paramref name="count"/>.</summary>
    public static Task<IReadOnlyList<HandoffStreamRead>> ReadAfterAsync(IDatabase db, string stream, string afterId, int count) =>
        HandoffStreamReader.ReadAfterAsync(db, stream, afterId, count);

    /// <summary>Id of the newest entry, or 0-0 when the stream is empty or missing.</summary>
    public static Task<string> LastIdAsync(IDatabase db, string stream) => HandoffStreamReader.LastIdAsync(db, stream);
}
