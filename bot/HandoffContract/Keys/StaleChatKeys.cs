namespace ChatSupport.HandoffContract.Keys;

/// <summary>Redis keys of the dashboard's idle-chat sweep (handoff-dashboard/StaleChats).</summary>
public static class StaleChatKeys
{
    /// <summary>
    /// String with a TTL: the instance that acts on one idle chat (requeue, hand on, or resolve) holds it, so two
    /// instances sweeping at once never both act (SET NX PX).
    /// </summary>
    public static string ActionClaim(string conversationId) => $"{HandoffKeys.Prefix}{{conv:{conversationId}}}:stale-claim";
}
