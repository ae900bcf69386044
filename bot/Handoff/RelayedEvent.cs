using ChatSupport.HandoffContract;

namespace ChatSupport.Bot.Handoff;

/// <summary>A dashboard event on its way into a conversation, with its stream id (null for the bot's own announcements).</summary>
public sealed record RelayedEvent(HandoffEvent Event, string? StreamId);
