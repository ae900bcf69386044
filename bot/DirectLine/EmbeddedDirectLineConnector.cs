using ChatSupport.Bot.Protocol;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatSupport.Bot.DirectLine;

/// <summary>
/// The embedded channel's Connector, in-process: a bot reply is stamped like the real service does
/// (id, timestamp, channel, sender) and stored; the shopper's socket gets it through the wake-up.
/// Typing is pushed but never stored. A reply to a stored shopper message is named at once and stored with the
/// turn's closing batch (<see cref="IClosingBatchConnector"/>), so answering costs no round trip of its own.
/// </summary>
public sealed class EmbeddedDirectLineConnector(
    DirectLineConversationStore store, IOptions<DirectLineOptions> options, TimeProvider clock) : IClosingBatchConnector
{
    public const string ChannelId = "directline";

    public async Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        Stamp(activity);
        if (activity.IsType(ActivityTypes.Typing))
        {
            await store.PublishTransientAsync(activity);
            return new ResourceResponse(null);
        }
        var stored = await store.AppendAsync(activity);
        return new ResourceResponse(stored.Activity.Id);
    }

    public bool TryNameForClosingBatch(Activity reply)
    {
        if (reply.IsType(ActivityTypes.Typing) || DirectLineConversationStore.NameBeforeStoring(reply) is not { } id) return false;
        Stamp(reply);
        reply.Id = id;
        return true;
    }

    public Task StoreAsync(IDatabaseAsync batch, Activity reply) => store.StoreNamedReplyAsync(batch, reply);

    private void Stamp(Activity activity)
    {
        var o = options.Value;
        activity.ChannelId = ChannelId;
        activity.Timestamp = clock.GetUtcNow();
        activity.ServiceUrl = null;
        activity.From ??= new ChannelAccount { Id = o.BotId, Name = o.BotName, Role = "bot" };
        activity.From.Role ??= "bot";
    }
}
