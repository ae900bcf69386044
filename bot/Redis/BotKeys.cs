namespace ChatSupport.Bot.Redis;

/// <summary>
/// Catalogue of the bot's own Redis keys and channels (the ones shared with the dashboard are in
/// ChatSupport.HandoffContract.HandoffKeys). One line of purpose each.
/// </summary>
public static class BotKeys
{
    private const string Prefix = "chatsupport:";

    /// <summary>Hash: Direct Line conversation record (user id, created/started times).</summary>
    public static string DirectLineConversation(string conversationId) => $"{Prefix}dl:conversation:{conversationId}";

    /// <summary>Sorted set: the conversation's activities as JSON, scored by watermark (1, 2, 3 …).</summary>
    public static string DirectLineActivities(string conversationId) => $"{Prefix}dl:conversation:{conversationId}:activities";

    /// <summary>String counter: the conversation's last watermark.</summary>
    public static string DirectLineWatermark(string conversationId) => $"{Prefix}dl:conversation:{conversationId}:watermark";

    /// <summary>Pub/sub: "conversationId watermark" after each stored activity, so the instance holding the socket pushes it.</summary>
    public const string DirectLineActivityChannel = Prefix + "dl:activity-stored";

    /// <summary>Pub/sub: "conversationId json" for transient typing activities, which are pushed but never stored.</summary>
    public const string DirectLineTypingChannel = Prefix + "dl:typing";

    /// <summary>String with a short TTL (keyed by <see cref="Protocol.ConversationKey"/>): per-conversation turn lock so two instances never run a turn of one conversation at once.</summary>
    public static string TurnLock(string conversationKey) => $"{Prefix}bot:turn-lock:{conversationKey}";

    /// <summary>String (keyed by <see cref="Protocol.ConversationKey"/>): the ConversationReference JSON of an escalated conversation, for replies outside a shopper's turn.</summary>
    public static string ConversationReference(string conversationKey) => $"{Prefix}bot:conversation-reference:{conversationKey}";

    /// <summary>String with a TTL: which bot instance currently relays the dashboard's events (a lease).</summary>
    public const string HandoffRelayLeader = Prefix + "bot:handoff-relay:leader";

    /// <summary>String: the cursor bots kept before the relay read through a consumer group; read once, to create the group where it left off.</summary>
    public const string HandoffRelayCursor = Prefix + "bot:handoff-relay:cursor";

    /// <summary>Hash: conversation id → queue position last announced to the shopper.</summary>
    public const string AnnouncedQueuePositions = Prefix + "bot:handoff:announced-positions";

    /// <summary>Hash {etag, json}: bot conversation state.</summary>
    public static string ConversationState(string channelId, string conversationId) => $"{Prefix}bot:state:{channelId}:conversation:{conversationId}";

    /// <summary>Hash {etag, json}: bot user state.</summary>
    public static string UserState(string channelId, string userId) => $"{Prefix}bot:state:{channelId}:user:{userId}";
}
