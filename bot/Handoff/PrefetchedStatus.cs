using ChatSupport.HandoffContract;

namespace ChatSupport.Bot.Handoff;

/// <summary>The conversation's handoff status as read together with the turn lock (the turn's <see cref="Protocol.TurnContext.Prefetched"/>).</summary>
public sealed record PrefetchedStatus(ConversationStatus Status);
