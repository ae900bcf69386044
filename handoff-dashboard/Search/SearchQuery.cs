namespace ChatSupport.HandoffDashboard.Search;

/// <summary>
/// One search: words (any script; space-separated parts must all match; a part of Latin letters also matches the
/// pinyin initials of the shopper's name), optional filters, and whose chats the caller may see.
/// <paramref name="OnlyForAgent"/> null = everything (supervisors); otherwise the queue and that agent's chats.
/// </summary>
public sealed record SearchQuery(
    string? Text,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Agent = null,
    string? Reason = null,
    string? Label = null,
    string? Csat = null,
    string? Customer = null,
    string? OnlyForAgent = null,
    int Take = 20);

/// <summary>A part of a matching line: <paramref name="Match"/> true for the words searched for. Plain text, never HTML.</summary>
public sealed record HighlightSegment(string Text, bool Match);

public sealed record MatchedLine(string Sender, string? SenderName, DateTimeOffset At, bool IsNote, IReadOnlyList<HighlightSegment> Segments);

public sealed record SearchHit(
    string ConversationId,
    string? CustomerName,
    string? CustomerId,
    string? Status,
    string? Reason,
    string? Assignee,
    string? AssigneeName,
    IReadOnlyList<string> Labels,
    string? Csat,
    DateTimeOffset StartedAt,
    DateTimeOffset LastAt,
    float Score,
    IReadOnlyList<MatchedLine> Lines);

public sealed record SearchResult(int Total, IReadOnlyList<SearchHit> Hits, double ElapsedMilliseconds);
