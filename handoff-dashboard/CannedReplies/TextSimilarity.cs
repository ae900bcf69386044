namespace ChatSupport.HandoffDashboard.CannedReplies;

/// <summary>
/// Character-bigram overlap, the cheap similarity that works for Chinese without a word segmenter.
/// Used to pick canned replies for a shopper's message and the polite reply nearest to a draft.
/// </summary>
public static class TextSimilarity
{
    public static HashSet<string> Bigrams(string text)
    {
        var chars = text.Where(c => char.IsLetterOrDigit(c)).Select(char.ToLowerInvariant).ToArray();
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < chars.Length; i++) set.Add(new string(chars, i, 2));
        if (chars.Length == 1) set.Add(chars[0].ToString());
        return set;
    }

    /// <summary>Share of the query's bigrams found in the candidate, in [0, 1].</summary>
    public static double Coverage(HashSet<string> query, HashSet<string> candidate)
    {
        if (query.Count == 0) return 0;
        var shared = 0;
        foreach (var b in query) if (candidate.Contains(b)) shared++;
        return (double)shared / query.Count;
    }

    /// <summary>
    /// The replies closest to <paramref name="text"/>: title matches weigh double, then usage breaks ties.
    /// Replies scoring <paramref name="minScore"/> or less (default: no shared bigram) are left out.
    /// </summary>
    public static IReadOnlyList<(CannedReply Reply, double Score)> Closest(IEnumerable<CannedReply> replies, string text, int count, double minScore = 0)
    {
        var query = Bigrams(text);
        return replies
            .Select(r => (Reply: r, Score: (2 * Coverage(query, Bigrams(r.Title)) + Coverage(query, Bigrams(r.Text))) / 3))
            .Where(x => x.Score > minScore)
            .OrderByDescending(x => x.Score).ThenByDescending(x => x.Reply.UsageCount).ThenBy(x => x.Reply.Order)
            .Take(count)
            .ToList();
    }
}
