using System.Text.Json;
using ChatSupport.Bot.Protocol;
using ChatSupport.HandoffContract.Keys;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatSupport.Bot.Handoff;

/// <summary>Where replies to an escalated conversation go, so the relay can deliver outside a shopper's turn.</summary>
public sealed class ConversationReferences(IConnectionMultiplexer redis, IOptions<HandoffOptions> options)
{
    private TimeSpan Retention => TimeSpan.FromDays(options.Value.TranscriptRetentionDays);

    // KEYS: reference[, fence]. ARGV: JSON, TTL s[, fence token].
    private static readonly string SaveReferenceScript = TurnFenceGuard.Lua("KEYS[2]", "ARGV[3]") + """
        redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
        return 1
        """;

    /// <summary>Stores where replies to the conversation go; refused for a stale <paramref name="fence"/> (a late turn must not re-point it).</summary>
    public async Task SaveAsync(ConversationReference reference, TurnFence? fence = null)
    {
        var (keys, args) = TurnFenceGuard.Append([BotStateKeys.ConversationReference(ConversationKey.Of(reference))],
            [JsonSerializer.Serialize(reference, ProtocolJson.Options), (long)Retention.TotalSeconds], fence);
        await TurnFenceGuard.RunAsync(redis.GetDatabase(), SaveReferenceScript, keys, args, "reference update");
    }

    public async Task<ConversationReference?> FindAsync(string conversationId)
    {
        var json = await redis.GetDatabase().StringGetAsync(BotStateKeys.ConversationReference(conversationId));
        return json.IsNullOrEmpty ? null : JsonSerializer.Deserialize<ConversationReference>(json.ToString(), ProtocolJson.Options);
    }
}
