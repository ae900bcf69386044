using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.Traffic;

/// <summary>
/// Limits that need to know the conversation (which the middleware does not: it is in the body or the token), checked
/// by the endpoints before they accept anything, so a refused request has stored nothing. Per instance, in memory;
/// idle conversations' counters are dropped by the limiter itself.
/// </summary>
public sealed class ConversationLimits : IDisposable
{
    private readonly PartitionedRateLimiter<(string Policy, string Conversation)> _limiter;

    public ConversationLimits(IOptions<TrafficOptions> options)
    {
        var o = options.Value;
        _limiter = PartitionedRateLimiter.Create<(string Policy, string Conversation), (string, string)>(key =>
        {
            var limit = o.LimitFor(key.Policy);
            if (limit.PerConversation <= 0) return RateLimitPartition.GetNoLimiter(key);
            if (key.Policy == TrafficPolicies.Sockets)
                return RateLimitPartition.GetConcurrencyLimiter(key, _ => new ConcurrencyLimiterOptions { PermitLimit = limit.PerConversation, QueueLimit = 0 });
            return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limit.PerConversation,
                Window = TimeSpan.FromSeconds(limit.WindowSeconds),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
    }

    /// <summary>A lease to hold for as long as the request lasts (it matters for sockets); check <see cref="RateLimitLease.IsAcquired"/>.</summary>
    public RateLimitLease Acquire(string policy, string conversationKey) => _limiter.AttemptAcquire((policy, conversationKey));

    public void Dispose() => _limiter.Dispose();
}
