using System.Globalization;
using ChatSupport.HandoffContract;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.Conversations;

/// <summary>The contract's conversation hash as the dashboard reads it.</summary>
public sealed record ConversationSnapshot(
    string Id,
    ConversationStatus? Status,
    string? CustomerId,
    string? CustomerName,
    string? Reason,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EscalatedAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? ClosedAt,
    string? Assignee,
    string? AssigneeName)
{
    public HandoffReason ReasonOrDefault => HandoffReasonNames.FromWireName(Reason) ?? HandoffReason.Human;

    /// <summary>Where the chat belongs in the queue: its priority class, then when it was escalated (kept on requeue).</summary>
    public double QueueScore => HandoffContract.QueueScore.For(ReasonOrDefault, EscalatedAt ?? StartedAt ?? DateTimeOffset.UtcNow);

    public static ConversationSnapshot? From(string id, HashEntry[] entries)
    {
        if (entries.Length == 0) return null;
        var map = entries.ToDictionary(e => (string)e.Name!, e => (string?)e.Value);
        string? Get(string field) => map.TryGetValue(field, out var v) && !string.IsNullOrEmpty(v) ? v : null;
        return new ConversationSnapshot(
            id,
            Enum.TryParse<ConversationStatus>(Get(ConversationFields.Status), out var status) ? status : null,
            Get(ConversationFields.CustomerId),
            Get(ConversationFields.CustomerName),
            Get(ConversationFields.Reason),
            ParseTime(Get(ConversationFields.StartedAt)),
            ParseTime(Get(ConversationFields.EscalatedAt)),
            ParseTime(Get(ConversationFields.AcceptedAt)),
            ParseTime(Get(ConversationFields.ClosedAt)),
            Get(ConversationFields.Assignee),
            Get(ConversationFields.AssigneeName));
    }

    /// <summary>ISO 8601 (what both services write); unix milliseconds accepted too, so a differing writer is still read.</summary>
    public static DateTimeOffset? ParseTime(string? value)
    {
        if (value is null) return null;
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind | DateTimeStyles.AssumeUniversal, out var t)) return t;
        return long.TryParse(value, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    public static string FormatTime(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
