namespace ChatSupport.HandoffContract.Keys;

/// <summary>
/// Redis keys of the dashboard's search across conversations (handoff-dashboard/Search). Every dashboard instance
/// keeps its own Lucene index, fed from the handoff streams and from <see cref="ChangesStream"/>; nothing here is
/// the index itself, only the facts the index is rebuilt from that no other key keeps.
/// </summary>
public static class SearchKeys
{
    /// <summary>
    /// Hash: search facts of one conversation that the streams carry but no record keeps for long
    /// (field <c>csat</c> = 满意 / 一般 / 不满意 from the survey, and one field <c>agent:&lt;agentId&gt;</c> per
    /// agent who held it). Written idempotently by every instance's feed; read by a rebuild.
    /// </summary>
    public static string Facts(string conversationId) => $"{HandoffKeys.Prefix}{{conv:{conversationId}}}:search-facts";

    /// <summary>
    /// Stream: "this conversation's dashboard-side data changed" (labels, notes), field <c>conversationId</c> only, so
    /// every instance re-indexes it. Never carries a note's text, and the bot never reads it. Trimmed (MAXLEN ~).
    /// </summary>
    public const string ChangesStream = HandoffKeys.Prefix + "{search}:stream:changes";

    /// <summary>Pub/sub channel: wake-up after an XADD to <see cref="ChangesStream"/>.</summary>
    public const string ChangesWakeUpChannel = HandoffKeys.Prefix + "{search}:wakeup:changes";
}
