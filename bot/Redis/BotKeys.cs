using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.Bot.Redis;

/// <summary>
/// The bot's keys by the names its code has always used. The catalogue (with the Redis Cluster hash tags) is the
/// contract's <c>ChatSupport.HandoffContract.Keys</c>; these members forward to it.
/// </summary>
public static class BotKeys
{
    public static string DirectLineConversation(string conversationId) => DirectLineKeys.Conversation(conversationId);
    public static string DirectLineActivities(string conversationId) => DirectLineKeys.Activities(conversationId);
    public static string DirectLineWatermark(string conversationId) => DirectLineKeys.Watermark(conversationId);
    public const string DirectLineActivityChannel = DirectLineKeys.ActivityStoredChannel;
    public const string DirectLineTypingChannel = DirectLineKeys.TypingChannel;
    public static string TurnLock(string conversationKey) => BotStateKeys.TurnLock(conversationKey);
    public static string ConversationReference(string conversationKey) => BotStateKeys.ConversationReference(conversationKey);
    public const string HandoffRelayLeader = BotStateKeys.HandoffRelayLeader;
    public const string HandoffRelayCursor = BotStateKeys.HandoffRelayCursor;
    public const string AnnouncedQueuePositions = QueueKeys.AnnouncedPositions;
    // Tagged by the conversation key (channel and id), the same tag as the turn lock and its fence: the state write checks the fence in one script.
    public static string ConversationState(string channelId, string conversationId) =>
        BotStateKeys.ConversationState(Protocol.ConversationKey.For(channelId, conversationId));
    public static string UserState(string channelId, string userId) => BotStateKeys.UserState(channelId, userId);
}
