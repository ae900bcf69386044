namespace ChatSupport.HandoffContract;

/// <summary>Who is in charge of a conversation. Stored as the enum's name.</summary>
public enum ConversationStatus
{
    WithBot,
    WaitingForAgent,
    WithAgent,
    Closed,
}
