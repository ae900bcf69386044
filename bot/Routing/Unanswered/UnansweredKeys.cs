namespace ChatSupport.Bot.Routing.Unanswered;

/// <summary>Redis keys of the unanswered-questions log (bot-internal; the dashboard reads it through the bot's admin API).</summary>
public static class UnansweredKeys
{
    /// <summary>Sorted set: member = entry id (hash of the normalised text), score = last seen (unix ms).</summary>
    public const string Index = "chatsupport:knowledge:unanswered";

    /// <summary>Hash per entry: text, lastText, count, lastSeen, lastRoute, candidates (JSON).</summary>
    public static string Entry(string entryId) => $"chatsupport:knowledge:unanswered:{entryId}";
}
