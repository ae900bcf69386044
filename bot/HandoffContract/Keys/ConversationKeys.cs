namespace ChatSupport.HandoffContract.Keys;

/// <summary>
/// Keys of one conversation. Its transcript is tagged <c>{conv:&lt;id&gt;}</c>; its status record and the relay
/// dedupe marks belong to the handoff state machine and are tagged <c>{queue}</c> (see <see cref="HashTags"/>).
/// </summary>
public static class ConversationKeys
{
    private static string Of(string conversationId) => HandoffKeys.Prefix + HashTags.Conversation(conversationId);

    /// <summary>
    /// Hash: the escalated conversation's record (<see cref="ConversationFields"/>, one hash field each). Tagged
    /// <c>{queue}</c>: every status script changes it together with the queue, an agent's chats and a stream.
    /// </summary>
    public static string Record(string conversationId) => HandoffKeys.Prefix + HashTags.Queue + ":conversation:" + conversationId;

    /// <summary>List of <see cref="TranscriptEntry"/> JSON, oldest first: the whole conversation, bot part included. Written by the bot only.</summary>
    public static string Transcript(string conversationId) => Of(conversationId) + ":transcript";

    /// <summary>Set: activity ids already in <see cref="Transcript"/>, so a turn run again adds nothing twice.</summary>
    public static string TranscriptIds(string conversationId) => Of(conversationId) + ":transcript:ids";

    /// <summary>
    /// String with TTL: marks a client message id already relayed, so a retried send is not delivered twice. Tagged
    /// <c>{queue}</c>: the reply script checks the owner in <see cref="Record"/>, sets it and appends to the stream in one step.
    /// </summary>
    public static string SentMessage(string clientMessageId) => HandoffKeys.Prefix + HashTags.Queue + ":sent:" + clientMessageId;
}
