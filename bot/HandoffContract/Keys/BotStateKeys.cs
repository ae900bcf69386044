namespace ChatSupport.HandoffContract.Keys;

/// <summary>
/// The bot's per-conversation working keys. Keyed by the protocol's conversation key (or id) and tagged
/// <c>{conv:…}</c>, so the turn lock, its fence and the state of one conversation live in one slot.
/// </summary>
public static class BotStateKeys
{
    /// <summary>String with a short TTL: per-conversation turn lock so two instances never run a turn of one conversation at once.</summary>
    public static string TurnLock(string conversationKey) => HandoffKeys.Prefix + HashTags.Conversation(conversationKey) + ":bot:turn-lock";

    /// <summary>Counter beside <see cref="TurnLock"/>: the fencing token of the latest holder (same slot, the take script touches both).</summary>
    public static string TurnFence(string turnLockKey) => turnLockKey + ":fence";

    /// <summary>String: the ConversationReference JSON of an escalated conversation, for replies outside a shopper's turn.</summary>
    public static string ConversationReference(string conversationKey) => HandoffKeys.Prefix + HashTags.Conversation(conversationKey) + ":bot:conversation-reference";

    /// <summary>Hash {etag, json}: bot conversation state, keyed like <see cref="TurnLock"/> (its write checks the lock's fence in one script).</summary>
    public static string ConversationState(string conversationKey) =>
        HandoffKeys.Prefix + HashTags.Conversation(conversationKey) + ":bot:state";

    /// <summary>Hash {etag, json}: bot user state (its own slot per user).</summary>
    public static string UserState(string channelId, string userId) =>
        HandoffKeys.Prefix + "{user:" + channelId + ":" + userId + "}:bot:state";

    /// <summary>String with a TTL: which bot instance currently relays the dashboard's events (a lease).</summary>
    public const string HandoffRelayLeader = HandoffKeys.Prefix + "bot:handoff-relay:leader";

    /// <summary>String: the cursor bots kept before the relay read through a consumer group; read once, to create the group where it left off.</summary>
    public const string HandoffRelayCursor = HandoffKeys.Prefix + "bot:handoff-relay:cursor";
}
