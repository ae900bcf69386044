namespace ChatSupport.HandoffContract.Keys;

/// <summary>Redis keys of the dashboard's idle-chat sweep (handoff-dashboard/StaleChats).</summary>
public static class StaleChatKeys
{
    /// <summary>
    /// String with a TTL: the instance that acts on one idle chat (requeue, hand on, or resolve) holds it, so two
    /// instances sweeping at once never both act (SET NX PX).
    /// </summary>
    public static string ActionClaim(string conversationId) => $"{HandoffKeys.Prefix}{{conv:{conversationId}}}:stale-claim";

    /// <summary>
    /// Set with a TTL: agents who let this chat go stale (silent after the shopper wrote). Auto-assignment and the
    /// next-agent hand-on skip them for this chat, so a requeued chat never goes straight back to the same silent
    /// agent. Written before the requeue script runs, so the assignment pass the requeue triggers already sees it.
    /// </summary>
    public static string PassedOverAgents(string conversationId) => $"{HandoffKeys.Prefix}{{conv:{conversationId}}}:stale-passed-over";
}
