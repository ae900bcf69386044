namespace ChatSupport.HandoffContract.Keys;

/// <summary>
/// Keys of one of the bot's per-conversation retry queues (due set, attempts, one list per conversation), all
/// under one tag because the claim/complete scripts touch the due set and a conversation's list together.
/// </summary>
/// <param name="Name">Queue name (relay, turns).</param>
/// <param name="Tag">Hash tag of every key of this queue.</param>
public sealed record RetryQueueKeys(string Name, string Tag)
{
    /// <summary>
    /// The relay's parked dashboard events. Tagged like <see cref="StreamKeys.ToBot"/>: parking an event and
    /// acknowledging its stream entry happen in one script, so neither can happen without the other.
    /// </summary>
    public static RetryQueueKeys Relay { get; } = new("relay", StreamKeys.ToBotTag);

    /// <summary>Shopper turns deferred because another instance held the conversation.</summary>
    public static RetryQueueKeys Turns { get; } = new("turns", HashTags.Feature("retry:turns"));

    /// <summary>The queue of that name: <see cref="Relay"/>, <see cref="Turns"/>, or a queue of its own tag.</summary>
    public static RetryQueueKeys For(string name) => name switch
    {
        "relay" => Relay,
        "turns" => Turns,
        _ => new(name, HashTags.Feature("retry:" + name)),
    };

    private string Prefix => HandoffKeys.Prefix + Tag + ":bot:retry:" + Name;

    /// <summary>Sorted set: conversation id → unix ms when its head item is due.</summary>
    public string Due => Prefix + ":due";

    /// <summary>Hash: conversation id → failed attempts of its head item.</summary>
    public string Attempts => Prefix + ":attempts";

    /// <summary>List: one conversation's parked items, oldest first.</summary>
    public string Items(string conversationId) => Prefix + ":items:" + conversationId;
}
