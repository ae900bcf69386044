using StackExchange.Redis;

namespace ChatSupport.Bot.Protocol;

/// <summary>
/// A channel that keeps its conversations in the bot's own Redis (the embedded Direct Line) and can therefore store a
/// turn's replies with the turn's closing batch (transcript, state save, lease release) instead of on a round trip each.
/// </summary>
public interface IClosingBatchConnector : IChannelConnector
{
    /// <summary>
    /// Stamps <paramref name="reply"/> as <see cref="IChannelConnector.SendAsync"/> would and gives it its id now; false when
    /// this reply cannot wait for the closing batch (it is then sent with <see cref="IChannelConnector.SendAsync"/>).
    /// </summary>
    bool TryNameForClosingBatch(Activity reply);

    /// <summary>Queues the store of a reply named by <see cref="TryNameForClosingBatch"/> on <paramref name="batch"/>, before awaiting anything.</summary>
    Task StoreAsync(IDatabaseAsync batch, Activity reply);
}
