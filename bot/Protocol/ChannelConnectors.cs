using ChatSupport.Bot.DirectLine;

namespace ChatSupport.Bot.Protocol;

/// <summary>Where replies of a turn started outside a channel's request go (relayed events, retried turns): by channel id.</summary>
public sealed class ChannelConnectors(EmbeddedDirectLineConnector embedded, HttpConnectorClient http)
{
    public IChannelConnector For(string? channelId) => channelId == EmbeddedDirectLineConnector.ChannelId ? embedded : http;
}
