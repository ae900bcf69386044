using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.Handoff;

/// <summary>How long a shopper at a place in the queue is told to wait: the place times the average handling time, shared among the agents online.</summary>
public sealed class QueueWaitEstimate(HandoffQueue queue, IOptions<HandoffOptions> options)
{
    public async Task<int> MinutesAsync(long position)
    {
        var agents = Math.Max(1, await queue.OnlineAgentCountAsync());
        return Math.Max(1, (int)Math.Ceiling(position * options.Value.AverageHandleMinutes / agents));
    }
}
