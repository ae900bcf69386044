namespace ChatSupport.HandoffContract.Keys;

/// <summary>
/// Redis keys of the after-sales intake: what the bot gathered before handing over (read by the dashboard), and the
/// deadlines of intake prompts a shopper has not answered yet.
/// </summary>
public static class IntakeKeys
{
    /// <summary>
    /// String: the conversation's <see cref="IntakeSummary"/> JSON, written by the bot when it hands over after an intake,
    /// read by the dashboard (pinned at the top of the chat). Same TTL as the transcript. Hash tag of the conversation.
    /// </summary>
    public static string Summary(string conversationId) => $"{HandoffKeys.Prefix}{{conv:{conversationId}}}:intake";

    /// <summary>
    /// Sorted set: conversation keys with an unanswered intake prompt, scored by the Unix ms at which the shopper counts as
    /// stalled and is handed over anyway. Bot only; an instance claims a due entry with ZREM before acting on it.
    /// </summary>
    public const string StallDeadlines = HandoffKeys.Prefix + "{intake}:stall-deadlines";
}
