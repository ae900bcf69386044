using ChatSupport.HandoffContract;
using ChatSupport.HandoffContract.Keys;
using StackExchange.Redis;

namespace ChatSupport.Bot.Dialogue.Intake;

/// <summary>The intake's Redis side: the summary the dashboard pins, and the deadlines of unanswered prompts.</summary>
public sealed class IntakeStore(IConnectionMultiplexer redis)
{
    public Task SaveSummaryAsync(IntakeSummary summary, TimeSpan retention) =>
        redis.GetDatabase().StringSetAsync(IntakeKeys.Summary(summary.ConversationId), summary.ToJson(), retention);

    public async Task<IntakeSummary?> SummaryAsync(string conversationId)
    {
        var json = await redis.GetDatabase().StringGetAsync(IntakeKeys.Summary(conversationId));
        return json.IsNullOrEmpty ? null : IntakeSummary.FromJson(json.ToString());
    }

    /// <summary>(Re)sets when the conversation's open prompt counts as unanswered.</summary>
    public Task ScheduleStallAsync(string conversationKey, DateTimeOffset at) =>
        redis.GetDatabase().SortedSetAddAsync(IntakeKeys.StallDeadlines, conversationKey, at.ToUnixTimeMilliseconds());

    public Task CancelStallAsync(string conversationKey) =>
        redis.GetDatabase().SortedSetRemoveAsync(IntakeKeys.StallDeadlines, conversationKey);

    /// <summary>Conversations whose prompt is overdue at <paramref name="now"/>, oldest first.</summary>
    public async Task<IReadOnlyList<string>> DueAsync(DateTimeOffset now, int max) =>
        (await redis.GetDatabase().SortedSetRangeByScoreAsync(IntakeKeys.StallDeadlines, double.NegativeInfinity, now.ToUnixTimeMilliseconds(), take: max))
        .Select(v => v.ToString()).ToList();

    /// <summary>Takes a due entry for this instance; false when another instance (or an answer) took it first.</summary>
    public Task<bool> ClaimAsync(string conversationKey) =>
        redis.GetDatabase().SortedSetRemoveAsync(IntakeKeys.StallDeadlines, conversationKey);
}
