namespace ChatSupport.HandoffContract.Keys;

/// <summary>Redis keys of chat labels (handoff-dashboard/Labels).</summary>
public static class LabelKeys
{
    /// <summary>Hash: the label list supervisors manage, label name → JSON (color, createdBy, createdAt).</summary>
    public const string Catalogue = HandoffKeys.Prefix + "{labels}:catalogue";

    /// <summary>Set: the label names put on one conversation.</summary>
    public static string OfConversation(string conversationId) => $"{HandoffKeys.Prefix}{{conv:{conversationId}}}:labels";
}
