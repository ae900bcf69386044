using ChatSupport.HandoffDashboard.Auth;

namespace ChatSupport.HandoffDashboard.Conversations;

public enum ConversationVisibility
{
    Visible,
    NotFound,
    Denied,
}

/// <summary>
/// Looks a conversation up and applies <see cref="ConversationAccess"/>: what every endpoint and the hub call
/// before returning anything read from a chat, so no feature has its own idea of who may see what.
/// </summary>
public sealed class ConversationGate(ConversationStore store)
{
    public async Task<(ConversationVisibility Visibility, ConversationSnapshot? Conversation)> CheckAsync(SignedInAgent user, string conversationId)
    {
        var conversation = await store.GetAsync(conversationId);
        if (conversation is null) return (ConversationVisibility.NotFound, null);
        return ConversationAccess.CanView(user, conversation)
            ? (ConversationVisibility.Visible, conversation)
            : (ConversationVisibility.Denied, null);
    }
}
