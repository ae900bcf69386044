using System.Text.Json;
using ChatSupport.Bot.Protocol;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffContract.Keys;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatSupport.Bot.Handoff;

/// <summary>What the bot tells the dashboards: facts appended to the to-dashboard stream (with a wake-up), and the shopper's typing (a channel, not kept).</summary>
public sealed class ToDashboardEvents(IConnectionMultiplexer redis, IOptions<HandoffOptions> options, TimeProvider clock)
{
    private HandoffOptions O => options.Value;

    // KEYS: stream[, fence]. ARGV: event, wake-up channel, MAXLEN[, fence token].
    private static readonly string PublishScript = TurnFenceGuard.Lua("KEYS[2]", "ARGV[4]") + $$"""
        local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[3], '*', '{{StreamKeys.EventField}}', ARGV[1])
        redis.call('PUBLISH', ARGV[2], id)
        return id
        """;

    /// <summary>Appends a fact to the to-dashboard stream and wakes the dashboards (kept to about <see cref="HandoffOptions.ToDashboardStreamMaxLength"/> entries); refused for a stale <paramref name="fence"/>.</summary>
    public async Task<string> PublishAsync(HandoffEvent evt, TurnFence? fence = null)
    {
        var (keys, args) = TurnFenceGuard.Append([HandoffKeys.ToDashboardStream], [evt.ToJson(), HandoffKeys.ToDashboardWakeUpChannel, O.ToDashboardStreamMaxLength], fence);
        var id = await TurnFenceGuard.RunAsync(redis.GetDatabase(), PublishScript, keys, args, "handoff event " + evt.Kind);
        return id.ToString();
    }

    public Task PublishTypingAsync(string conversationId) =>
        redis.GetSubscriber().PublishAsync(RedisChannel.Literal(HandoffKeys.TypingChannel),
            HandoffEvent.CustomerTyping(conversationId, clock.GetUtcNow()).ToJson());
}
