namespace ChatSupport.HandoffContract;

/// <summary>
/// The only status changes a conversation may go through, and why each exists. Both services change the
/// status only through <see cref="StatusScripts"/>, whose Lua checks every move against this list in the same
/// atomic step that makes it (compare-and-set), so a race between the bot and the dashboard (a shopper leaving
/// the queue while an agent accepts, a relayed close while the chat is assigned again) has exactly one winner
/// and never leaves an impossible state such as <c>WithBot</c> while an agent holds the chat.
/// A conversation without a hash (or without a status) counts as <see cref="ConversationStatus.WithBot"/>.
/// </summary>
public static class StatusTransitions
{
    public static IReadOnlyList<(ConversationStatus From, ConversationStatus To, string Why)> Allowed { get; } =
    [
        (ConversationStatus.WithBot, ConversationStatus.WaitingForAgent, "the bot escalates"),
        (ConversationStatus.Closed, ConversationStatus.WaitingForAgent, "the bot escalates a chat that was closed before"),
        (ConversationStatus.WaitingForAgent, ConversationStatus.WithAgent, "an agent accepts, or is assigned, a waiting chat"),
        (ConversationStatus.WaitingForAgent, ConversationStatus.Closed, "the shopper leaves the queue"),
        (ConversationStatus.WithAgent, ConversationStatus.WithAgent, "a transfer: the owner changes, the status does not"),
        (ConversationStatus.WithAgent, ConversationStatus.WaitingForAgent, "the chat goes back to the queue (agent disconnected, requeued)"),
        (ConversationStatus.WithAgent, ConversationStatus.Closed, "the agent (or a supervisor) closes the chat"),
        (ConversationStatus.Closed, ConversationStatus.WithBot, "the bot takes a closed chat back (survey, questions again)"),
    ];

    public static bool IsAllowed(ConversationStatus from, ConversationStatus to) =>
        Allowed.Any(t => t.From == from && t.To == to);

    /// <summary>The list as a Lua table literal: <c>{ ['WithBot>WaitingForAgent'] = true, … }</c>.</summary>
    internal static string LuaTable() =>
        "{ " + string.Join(", ", Allowed.Select(t => $"['{t.From}>{t.To}'] = true")) + " }";
}
