using System.Text.RegularExpressions;
using ChatSupport.HandoffContract;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.Complaints;

/// <summary>What a chat tells us about a complaint: who, when, the order number and the last lines said.</summary>
public sealed record ChatFacts(string? CustomerId, string? CustomerName, DateTimeOffset? StartedAt, string? OrderNumber, IReadOnlyList<ExcerptLine> Excerpt);

/// <summary>Reads a conversation's hash and transcript (the handoff contract) to prefill a complaint: the last lines with their files (ids).</summary>
public sealed partial class ComplaintPrefill(IConnectionMultiplexer redis)
{
    public const int ExcerptLines = 20;

    /// <summary>null when the conversation is unknown.</summary>
    public async Task<ChatFacts?> ReadAsync(string conversationId)
    {
        var db = redis.GetDatabase();
        var hashTask = db.HashGetAllAsync(HandoffKeys.Conversation(conversationId));
        var linesTask = db.ListRangeAsync(HandoffKeys.Transcript(conversationId), -ExcerptLines, -1);
        var hash = (await hashTask).ToDictionary(e => (string)e.Name!, e => (string?)e.Value);
        var lines = await linesTask;
        if (hash.Count == 0 && lines.Length == 0) return null;

        var excerpt = new List<ExcerptLine>();
        foreach (var raw in lines)
        {
            try
            {
                var entry = TranscriptEntryJson.FromJson(raw!);
                excerpt.Add(new ExcerptLine(entry.Timestamp, entry.Sender, entry.SenderName, entry.Text,
                    entry.Attachments is { Count: > 0 } files ? files.Select(a => a with { Url = null, ThumbnailUrl = null }).ToList() : null));
            }
            catch (System.Text.Json.JsonException)
            {
                // A line we cannot read is left out of the excerpt; the chat itself is untouched.
            }
        }
        DateTimeOffset? started = hash.TryGetValue(ConversationFields.StartedAt, out var s) && DateTimeOffset.TryParse(s, out var at) ? at : null;
        var order = excerpt.Where(l => l.Sender == TranscriptSenders.Customer).Select(l => FindOrderNumber(l.Text)).LastOrDefault(o => o is not null);
        return new ChatFacts(hash.GetValueOrDefault(ConversationFields.CustomerId), hash.GetValueOrDefault(ConversationFields.CustomerName),
            started, order, excerpt);
    }

    /// <summary>
    /// An order number as shoppers type it: after 订单(号)/單號, or a bare run of 10+ digits that is not a
    /// mainland mobile number (11 digits, 1[3-9]…): a phone number must not land in the complaint's order field.
    /// </summary>
    public static string? FindOrderNumber(string text)
    {
        var m = OrderAfterWord().Match(text);
        if (m.Success) return m.Groups[1].Value;
        foreach (Match digits in LongDigits().Matches(text))
        {
            if (!MobileNumber().IsMatch(digits.Value)) return digits.Value;
        }
        return null;
    }

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex MobileNumber();

    [GeneratedRegex(@"(?:订单|訂單|单号|單號)[号號]?\s*[:：是为]?\s*([A-Za-z0-9-]{6,32})")]
    private static partial Regex OrderAfterWord();

    [GeneratedRegex(@"(?<!\d)\d{10,24}(?!\d)")]
    private static partial Regex LongDigits();
}
