using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.HandoffContract;

/// <summary>
/// The key prefix, and the names both services have always called by these members. The catalogue itself, one
/// class per feature with its Redis Cluster hash tags, is in <see cref="Keys"/> (see <see cref="HashTags"/>);
/// the members here forward to it so existing callers keep compiling.
/// </summary>
public static class HandoffKeys
{
    /// <summary>Every key and channel of the solution starts with it (lower-case, colon-separated).</summary>
    public const string Prefix = "chatsupport:";

    /// <inheritdoc cref="ConversationKeys.Record"/>
    public static string Conversation(string conversationId) => ConversationKeys.Record(conversationId);

    /// <inheritdoc cref="ConversationKeys.Transcript"/>
    public static string Transcript(string conversationId) => ConversationKeys.Transcript(conversationId);

    /// <inheritdoc cref="QueueKeys.Queue"/>
    public const string Queue = QueueKeys.Queue;

    /// <inheritdoc cref="CustomerKeys.Conversations"/>
    public static string CustomerConversations(string customerId) => CustomerKeys.Conversations(customerId);

    /// <inheritdoc cref="StreamKeys.ToDashboard"/>
    public const string ToDashboardStream = StreamKeys.ToDashboard;

    /// <inheritdoc cref="StreamKeys.ToBot"/>
    public const string ToBotStream = StreamKeys.ToBot;

    /// <inheritdoc cref="StreamKeys.ToDashboardWakeUpChannel"/>
    public const string ToDashboardWakeUpChannel = StreamKeys.ToDashboardWakeUpChannel;

    /// <inheritdoc cref="StreamKeys.ToBotWakeUpChannel"/>
    public const string ToBotWakeUpChannel = StreamKeys.ToBotWakeUpChannel;

    /// <inheritdoc cref="StreamKeys.TypingChannel"/>
    public const string TypingChannel = StreamKeys.TypingChannel;

    /// <inheritdoc cref="AgentKeys.Online"/>
    public const string OnlineAgents = AgentKeys.Online;

    /// <inheritdoc cref="StatsKeys.BotDaily"/>
    public static string BotDailyStats(DateOnly day) => StatsKeys.BotDaily(day);
}
