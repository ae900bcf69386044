using ChatSupport.Bot.DirectLine;

namespace ChatSupport.Bot.Protocol;

/// <summary>
/// Where replies of a turn started outside a channel's request go (relayed events, retried turns), and what a channel
/// offers beyond sending. Azure's Direct Line and the embedded one share the channel id <c>directline</c>, so the channel
/// id alone cannot tell them apart: the embedded connector is chosen only for a conversation the embedded service owns
/// (its record is in this bot's Direct Line store); every other conversation, Azure's Direct Line included, is answered
/// through the Connector API at the serviceUrl of its stored reference. Only Protocol chooses: the features (Handoff,
/// Dialogue) start such turns through <see cref="BotAdapter.ContinueConversationAsync"/> and never see a channel.
/// </summary>
public sealed class ChannelConnectors(EmbeddedDirectLineConnector embedded, HttpConnectorClient http, DirectLineConversationStore embeddedConversations)
{
    public async Task<IChannelConnector> ForAsync(string? channelId, string? conversationId) =>
        channelId == EmbeddedDirectLineConnector.ChannelId && conversationId is not null && await embeddedConversations.OwnsAsync(conversationId)
            ? embedded
            : http;

    public Task<IChannelConnector> ForAsync(ConversationReference reference) => ForAsync(reference.ChannelId, reference.Conversation?.Id);

    public Task<IChannelConnector> ForAsync(Activity activity) => ForAsync(activity.ChannelId, activity.Conversation?.Id);

    /// <summary>
    /// The messages already sent into the activity's conversation whose channelData carries <paramref name="field"/> =
    /// <paramref name="value"/>, among its latest <paramref name="window"/> activities: only the embedded Direct Line keeps
    /// a readable copy; other channels answer an empty list (their caller keeps its own guard).
    /// </summary>
    public async Task<IReadOnlyList<Activity>> FindSentAsync(Activity activity, string field, string value, int window = 200)
    {
        if (activity.ChannelId != EmbeddedDirectLineConnector.ChannelId || activity.Conversation?.Id is not { } conversationId) return [];
        var latest = await embeddedConversations.LatestWatermarkAsync(conversationId);
        var marker = $"\"{field}\":\"{value}\"";
        return (await embeddedConversations.ReadJsonAfterAsync(conversationId, Math.Max(0, latest - window), window))
            .Where(a => a.Json.Contains(marker, StringComparison.Ordinal))
            .Select(a => System.Text.Json.JsonSerializer.Deserialize<Activity>(a.Json, ProtocolJson.Options))
            .OfType<Activity>()
            .ToList();
    }

    /// <summary>
    /// Shows <paramref name="from"/> typing in a conversation outside a turn (an agent typing), where the channel can show it:
    /// the embedded Direct Line pushes it to the shopper's socket without storing it; other channels get nothing.
    /// </summary>
    public async Task ShowTypingAsync(string conversationId, ChannelAccount from, DateTimeOffset at)
    {
        if (await embeddedConversations.FindAsync(conversationId) is null) return;
        await embeddedConversations.PublishTransientAsync(new Activity
        {
            Type = ActivityTypes.Typing,
            ChannelId = EmbeddedDirectLineConnector.ChannelId,
            Timestamp = at,
            Conversation = new ConversationAccount { Id = conversationId },
            From = from,
        });
    }
}
