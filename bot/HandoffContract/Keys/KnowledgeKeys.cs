namespace ChatSupport.HandoffContract.Keys;

/// <summary>
/// The unanswered-questions log (bot-internal; the dashboard reads it through the bot's admin API), tagged
/// <c>{unanswered}</c>: one MULTI records an entry and trims the index at once. A capped log fits one slot.
/// </summary>
public static class KnowledgeKeys
{
    private static readonly string Of = HandoffKeys.Prefix + HashTags.Feature("unanswered") + ":knowledge:unanswered";

    /// <summary>Sorted set: member = entry id (hash of the normalised text), score = last seen (unix ms).</summary>
    public static readonly string UnansweredIndex = Of;

    /// <summary>Hash per entry: text, lastText, count, lastSeen, lastRoute, candidates (JSON).</summary>
    public static string UnansweredEntry(string entryId) => Of + ":" + entryId;
}
