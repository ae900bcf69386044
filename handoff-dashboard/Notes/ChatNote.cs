namespace ChatSupport.HandoffDashboard.Notes;

/// <summary>
/// An agent's private note on a chat: for colleagues and supervisors only. It lives in its own key
/// (<see cref="HandoffContract.Keys.NoteKeys"/>), never in the transcript the bot writes, and never on a stream the
/// bot reads, so no path carries it to the shopper.
/// </summary>
public sealed record ChatNote(string Id, string ConversationId, string AgentId, string AgentName, DateTimeOffset At, string Text);

public sealed record AddNoteRequest(string? Text);
