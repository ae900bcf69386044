namespace ChatSupport.HandoffContract.Keys;

/// <summary>The bot's embedded Direct Line: one conversation's keys share <c>{conv:&lt;id&gt;}</c> (the append script touches all three).</summary>
public static class DirectLineKeys
{
    private static string Of(string conversationId) => HandoffKeys.Prefix + HashTags.Conversation(conversationId);

    /// <summary>Hash: Direct Line conversation record (user id, created/started times).</summary>
    public static string Conversation(string conversationId) => Of(conversationId) + ":dl";

    /// <summary>
    /// Sorted set: the conversation's activities as JSON, scored by watermark (1, 2, 3 …), and beside each stored bot reply
    /// its idempotency record ("#stored-reply " + incoming activity id # place in the turn, same score), so a turn run again
    /// after a failure does not store its replies twice; records go when their reply is trimmed.
    /// </summary>
    public static string Activities(string conversationId) => Of(conversationId) + ":dl:activities";

    /// <summary>String counter: the conversation's last watermark.</summary>
    public static string Watermark(string conversationId) => Of(conversationId) + ":dl:watermark";

    /// <summary>Pub/sub: "conversationId watermark json" after each stored activity, so the instance holding the socket pushes it.</summary>
    public const string ActivityStoredChannel = HandoffKeys.Prefix + "dl:activity-stored";

    /// <summary>Pub/sub: "conversationId json" for transient typing activities, which are pushed but never stored.</summary>
    public const string TypingChannel = HandoffKeys.Prefix + "dl:typing";
}
