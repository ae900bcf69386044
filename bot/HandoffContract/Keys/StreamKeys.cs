namespace ChatSupport.HandoffContract.Keys;

/// <summary>
/// The handoff streams, their consumer groups, lengths and the pub/sub channels beside them. Both streams are
/// tagged <c>{queue}</c>: each status script appends its event in the same atomic step as the status change, so
/// the streams carry every conversation's moves in the order they happened. Pub/sub channels are cluster-wide
/// (a PUBLISH on any node reaches subscribers on every node), so they need no tag.
/// </summary>
public static class StreamKeys
{
    internal const string ToDashboardTag = HashTags.Queue;
    internal const string ToBotTag = HashTags.Queue;

    /// <summary>Stream: bot → dashboard events (<see cref="HandoffEvent"/> in field <see cref="EventField"/>), in order, never lost.</summary>
    public const string ToDashboard = HandoffKeys.Prefix + ToDashboardTag + ":stream:to-dashboard";

    /// <summary>
    /// Stream: dashboard → bot events (<see cref="HandoffEvent"/> in field <see cref="EventField"/>). One bot instance at a time
    /// (the holder of a Redis lease) reads it through the consumer group <see cref="BotRelayGroup"/> and acknowledges an entry
    /// only once it was delivered (or parked for retry, in order, per conversation); other readers (reports) read it on their own.
    /// </summary>
    public const string ToBot = HandoffKeys.Prefix + ToBotTag + ":stream:to-bot";

    /// <summary>The stream entry field that carries the event JSON.</summary>
    public const string EventField = "event";

    /// <summary>Consumer group of the bot's relay on <see cref="ToBot"/>.</summary>
    public const string BotRelayGroup = "bot-relay";

    /// <summary>Consumer group of the dashboard's report ingest on both streams (one delivery per dashboard fleet).</summary>
    public const string ReportsGroup = "reports";

    /// <summary>Default approximate cap of each handoff stream (XADD MAXLEN ~), both services.</summary>
    public const int DefaultMaxLength = 100_000;

    /// <summary>Pub/sub channel: wake-up after an XADD to <see cref="ToDashboard"/> (payload: stream entry id).</summary>
    public const string ToDashboardWakeUpChannel = HandoffKeys.Prefix + "wakeup:to-dashboard";

    /// <summary>Pub/sub channel: wake-up after an XADD to <see cref="ToBot"/> (payload: stream entry id).</summary>
    public const string ToBotWakeUpChannel = HandoffKeys.Prefix + "wakeup:to-bot";

    /// <summary>Pub/sub channel for transient typing signals (<see cref="HandoffEvent"/> of kind CustomerTyping / AgentTyping); may be lost.</summary>
    public const string TypingChannel = HandoffKeys.Prefix + "typing";

    /// <summary>The wake-up channel published after an append to <paramref name="stream"/>.</summary>
    public static string WakeUpChannelOf(string stream) =>
        stream == ToDashboard ? ToDashboardWakeUpChannel
        : stream == ToBot ? ToBotWakeUpChannel
        : throw new ArgumentException("not a handoff stream: " + stream, nameof(stream));
}
