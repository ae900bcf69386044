namespace ChatSupport.HandoffDashboard.Search;

/// <summary>One line the search can find: a transcript line (shopper, bot, agent, system) or an agent's note (<see cref="SearchLine.NoteSender"/>).</summary>
public sealed record SearchLine(string Sender, string? SenderName, DateTimeOffset At, string Text)
{
    public const string NoteSender = "note";
}

/// <summary>
/// Everything the index knows of one conversation, rebuilt whole from Redis whenever anything about it changes
/// (so it does not matter in which order, or how often, events arrive). One Lucene document per conversation.
/// </summary>
public sealed record ConversationDocument(
    string Id,
    string? Status,
    string? CustomerId,
    string? CustomerName,
    string? Reason,
    DateTimeOffset StartedAt,
    DateTimeOffset LastAt,
    string? Assignee,
    string? AssigneeName,
    IReadOnlyCollection<string> Agents,
    IReadOnlyCollection<string> Labels,
    string? Csat,
    IReadOnlyList<SearchLine> Lines);
