using System.Text;
using ChatSupport.HandoffDashboard.CannedReplies;

namespace ChatSupport.HandoffDashboard.PhraseCheck;

public sealed record PhraseHit(string Phrase, PhraseSeverity Severity, string? Hint);

public sealed record PhraseCheckOutcome(IReadOnlyList<PhraseHit> Hits, CannedReply? Suggestion)
{
    public bool Clean => Hits.Count == 0;
}

/// <summary>
/// Finds listed phrases in a draft (ignoring spaces and punctuation an agent might put between the
/// characters, e.g. "不 知道") and picks the nearest polite canned reply from the first hit's category.
/// </summary>
public static class PhraseChecker
{
    public static IReadOnlyList<PhraseHit> Find(string text, IEnumerable<ForbiddenPhrase> phrases)
    {
        var squeezed = Squeeze(text);
        return phrases
            .Where(p => p.Phrase.Length > 0 && squeezed.Contains(Squeeze(p.Phrase), StringComparison.Ordinal))
            // When one listed phrase contains another (e.g. an admin adds 我也没办法 next to 没办法), report the longer one only.
            .OrderByDescending(p => p.Phrase.Length)
            .Aggregate(new List<ForbiddenPhrase>(), (kept, p) =>
            {
                if (!kept.Any(k => Squeeze(k.Phrase).Contains(Squeeze(p.Phrase), StringComparison.Ordinal))) kept.Add(p);
                return kept;
            })
            .OrderBy(p => squeezed.IndexOf(Squeeze(p.Phrase), StringComparison.Ordinal))
            .Select(p => new PhraseHit(p.Phrase, p.Severity, p.Hint))
            .ToList();
    }

    public static PhraseCheckOutcome Check(string text, IReadOnlyList<ForbiddenPhrase> phrases, IEnumerable<CannedReply> visibleReplies)
    {
        var hits = Find(text, phrases);
        if (hits.Count == 0) return new PhraseCheckOutcome(hits, null);
        var category = phrases.First(p => p.Phrase == hits[0].Phrase).SuggestCategory;
        var replies = visibleReplies.ToList();
        var pool = category is null ? replies : replies.Where(r => r.Category == category).ToList();
        if (pool.Count == 0) pool = replies;
        // Compare with the draft minus the offending words: they would only pull towards replies that repeat them.
        var rest = hits.Aggregate(text, (t, h) => t.Replace(h.Phrase, " ", StringComparison.Ordinal));
        var suggestion = TextSimilarity.Closest(pool, rest, 1).Select(x => x.Reply).FirstOrDefault()
            ?? pool.OrderByDescending(r => r.UsageCount).ThenBy(r => r.Order).FirstOrDefault();
        return new PhraseCheckOutcome(hits, suggestion);
    }

    private static string Squeeze(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
            if (char.IsLetterOrDigit(c)) sb.Append(char.ToLowerInvariant(c));
        return sb.ToString();
    }
}
