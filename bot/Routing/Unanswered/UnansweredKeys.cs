using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.Bot.Routing.Unanswered;

/// <summary>Forwards to the contract's <see cref="KnowledgeKeys"/> (the one key catalogue).</summary>
public static class UnansweredKeys
{
    public static readonly string Index = KnowledgeKeys.UnansweredIndex;
    public static string Entry(string entryId) => KnowledgeKeys.UnansweredEntry(entryId);
}
