using System.Threading.Channels;

namespace ChatSupport.HandoffDashboard.CannedReplies;

/// <summary>
/// Fans "the phrase list changed" out to the open pages on this instance (each SSE connection holds
/// one subscription). Bounded and lossy on purpose: a page only needs to know it should refetch.
/// </summary>
public sealed class CannedReplyNotifier
{
    private readonly Lock _lock = new();
    private readonly List<Channel<long>> _subscribers = [];

    public Subscription Subscribe()
    {
        var channel = Channel.CreateBounded<long>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_lock) _subscribers.Add(channel);
        return new Subscription(this, channel);
    }

    public void Publish(long version)
    {
        lock (_lock)
        {
            foreach (var s in _subscribers) s.Writer.TryWrite(version);
        }
    }

    public sealed class Subscription(CannedReplyNotifier owner, Channel<long> channel) : IDisposable
    {
        public ChannelReader<long> Reader => channel.Reader;

        public void Dispose()
        {
            lock (owner._lock) owner._subscribers.Remove(channel);
        }
    }
}
