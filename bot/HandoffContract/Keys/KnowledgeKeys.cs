namespace ChatSupport.HandoffContract.Keys;

/// <summary>The unanswered-questions log (bot-internal; the dashboard reads it through the bot's admin API).</summary>
public static class KnowledgeKeys
{
    /// <summary>Sorted set: member = entry id (hash of the normalised text), score = last seen (unix ms).</summary>
    public const string UnansweredIndex = HandoffKeys.Prefix + "knowledge:unanswered";

    /// <summary>Hash per entry: text, lastText, count, lastSeen, lastRoute, candidates (JSON).</summary>
    public static string UnansweredEntry(string entryId) => UnansweredIndex + ":" + entryId;
}
