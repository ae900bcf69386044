namespace ChatSupport.HandoffContract.Keys;

/// <summary>Redis keys of agents' private notes on chats (handoff-dashboard/Notes). The bot never reads them.</summary>
public static class NoteKeys
{
    /// <summary>List of note JSON (id, agentId, agentName, at, text), oldest first.</summary>
    public static string OfConversation(string conversationId) => $"{HandoffKeys.Prefix}{{conv:{conversationId}}}:notes";
}
