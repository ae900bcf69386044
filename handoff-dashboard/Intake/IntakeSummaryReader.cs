using System.Text.Json;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffContract.Keys;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.Intake;

/// <summary>Reads the after-sales intake summary the bot saved for a conversation (contract: IntakeSummary at IntakeKeys.Summary).</summary>
public sealed class IntakeSummaryReader(IConnectionMultiplexer redis, ILogger<IntakeSummaryReader> logger)
{
    public async Task<IntakeSummary?> ReadAsync(string conversationId)
    {
        var json = await redis.GetDatabase().StringGetAsync(IntakeKeys.Summary(conversationId));
        if (json.IsNullOrEmpty) return null;
        try
        {
            return IntakeSummary.FromJson(json.ToString());
        }
        catch (JsonException ex)
        {
            // A record this dashboard cannot read must not break the chat view: shown as no summary.
            logger.LogWarning(ex, "Intake summary of {ConversationId} is not readable", conversationId);
            return null;
        }
    }
}
