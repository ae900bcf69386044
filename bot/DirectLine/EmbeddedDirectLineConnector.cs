using ChatSupport.Bot.Protocol;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.DirectLine;

/// <summary>
/// The embedded channel's Connector, in-process: a bot reply is stamped like the real service does
/// (id, timestamp, channel, sender) and stored; the shopper's socket gets it through the wake-up.
/// Typing is pushed but never stored.
/// </summary>
public sealed class EmbeddedDirectLineConnector(
    DirectLineConversationStore store, IOptions<DirectLineOptions> options, TimeProvider clock) : IChannelConnector
{
    public const string ChannelId = "directline";

    public async Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        var o = options.Value;
        activity.ChannelId = ChannelId;
        activity.Timestamp = clock.GetUtcNow();
        activity.ServiceUrl = null;
        activity.From ??= new ChannelAccount { Id = o.BotId, Name = o.BotName, Role = "bot" };
        activity.From.Role ??= "bot";
        if (activity.IsType(ActivityTypes.Typing))
        {
            await store.PublishTransientAsync(activity);
            return new ResourceResponse(null);
        }
        var stored = await store.AppendAsync(activity);
        return new ResourceResponse(stored.Activity.Id);
    }
}
