using ChatSupport.Bot.DirectLine;

namespace ChatSupport.Bot.Protocol;

/// <summary>
/// Where replies of a turn started outside a channel's request go (relayed events, retried turns). Azure's Direct Line
/// and the embedded one share the channel id <c>directline</c>, so the channel id alone cannot tell them apart: the
/// embedded connector is chosen only for a conversation the embedded service owns (its record is in this bot's
/// Direct Line store); every other conversation, Azure's Direct Line included, is answered through the Connector API
/// at the serviceUrl of its stored reference.
/// </summary>
public sealed class ChannelConnectors(EmbeddedDirectLineConnector embedded, HttpConnectorClient http, DirectLineConversationStore embeddedConversations)
{
    public async Task<IChannelConnector> ForAsync(string? channelId, string? conversationId) =>
        channelId == EmbeddedDirectLineConnector.ChannelId && conversationId is not null && await embeddedConversations.OwnsAsync(conversationId)
            ? embedded
            : http;

    public Task<IChannelConnector> ForAsync(ConversationReference reference) => ForAsync(reference.ChannelId, reference.Conversation?.Id);

    public Task<IChannelConnector> ForAsync(Activity activity) => ForAsync(activity.ChannelId, activity.Conversation?.Id);
}
