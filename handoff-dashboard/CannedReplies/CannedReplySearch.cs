using ChatSupport.HandoffDashboard.CannedReplies.Pinyin;

namespace ChatSupport.HandoffDashboard.CannedReplies;

/// <summary>How a reply matched a query; lower is a closer match.</summary>
public enum MatchTier
{
    ShortcutExact = 0,
    ShortcutPrefix = 1,
    Title = 2,
    TitleInitials = 3,
    Text = 4,
    TextInitials = 5,
    /// <summary>A Chinese query matched by its pinyin initials (covers traditional ↔ simplified).</summary>
    SoundsLike = 6,
    /// <summary>Empty query: everything visible.</summary>
    Any = 7,
}

public sealed record SearchHit(CannedReply Reply, MatchTier Tier);

/// <summary>
/// Matching and ranking, pure. Ranking: an exact shortcut first (the agent typed the code), then the
/// most used, then the closer match, then the manual order.
/// </summary>
public static class CannedReplySearch
{
    public static IReadOnlyList<SearchHit> Search(IEnumerable<IndexedReply> items, string userId, string? query, int limit)
    {
        var q = (query ?? "").Trim().ToLowerInvariant();
        var shortcutQuery = q.TrimStart('/');
        // Pinyin initials are only worth trying for a latin query ("tk", "/tk").
        var initialsQuery = shortcutQuery.Length > 0 && shortcutQuery.All(char.IsAsciiLetterOrDigit) ? shortcutQuery : null;
        var hasCjk = q.Any(c => c >= '\u4e00' && c <= '\u9fff');
        var soundsLike = hasCjk ? PinyinInitials.Of(q) : null;

        // Keep only the best `limit` hits while scanning (sorted, worst last): a short query like "s" matches
        // thousands of phrases and sorting them all would dominate the search time.
        var best = new List<SearchHit>(limit + 1);
        foreach (var item in items)
        {
            if (!item.Reply.IsVisibleTo(userId)) continue;
            if (Match(item, q, shortcutQuery, initialsQuery, soundsLike) is not { } tier) continue;
            var hit = new SearchHit(item.Reply, tier);
            if (best.Count == limit && Compare(hit, best[^1]) >= 0) continue;
            var at = best.BinarySearch(hit, Comparer);
            best.Insert(at < 0 ? ~at : at, hit);
            if (best.Count > limit) best.RemoveAt(best.Count - 1);
        }
        return best;
    }

    private static readonly IComparer<SearchHit> Comparer = Comparer<SearchHit>.Create(Compare);

    private static MatchTier? Match(IndexedReply item, string q, string shortcutQuery, string? initialsQuery, string? soundsLike)
    {
        if (q.Length == 0) return MatchTier.Any;
        if (item.ShortcutKey.Length > 0 && shortcutQuery.Length > 0)
        {
            if (item.ShortcutKey == shortcutQuery) return MatchTier.ShortcutExact;
            if (item.ShortcutKey.StartsWith(shortcutQuery, StringComparison.Ordinal)) return MatchTier.ShortcutPrefix;
        }
        if (item.TitleKey.Contains(q, StringComparison.Ordinal)) return MatchTier.Title;
        if (initialsQuery is not null && item.TitleInitials.Contains(initialsQuery, StringComparison.Ordinal)) return MatchTier.TitleInitials;
        if (item.TextKey.Contains(q, StringComparison.Ordinal)) return MatchTier.Text;
        // Initials of a whole text match short codes by accident (其他可以 contains "tk"): only from 3 letters on.
        if (initialsQuery is { Length: >= 3 } && item.TextInitials.Contains(initialsQuery, StringComparison.Ordinal)) return MatchTier.TextInitials;
        if (soundsLike is { Length: >= 2 } && item.TitleInitials.Contains(soundsLike, StringComparison.Ordinal)) return MatchTier.SoundsLike;
        return null;
    }

    private static int Compare(SearchHit a, SearchHit b)
    {
        var exactA = a.Tier == MatchTier.ShortcutExact;
        var exactB = b.Tier == MatchTier.ShortcutExact;
        if (exactA != exactB) return exactA ? -1 : 1;
        var byUsage = b.Reply.UsageCount.CompareTo(a.Reply.UsageCount);
        if (byUsage != 0) return byUsage;
        var byTier = a.Tier.CompareTo(b.Tier);
        if (byTier != 0) return byTier;
        var byOrder = a.Reply.Order.CompareTo(b.Reply.Order);
        return byOrder != 0 ? byOrder : string.CompareOrdinal(a.Reply.Id, b.Reply.Id);
    }
}
