namespace ChatSupport.HandoffDashboard.Search;

/// <summary>
/// Marks the searched words in one transcript line. Matches are found in the folded line (so 退貨 is marked for
/// 退货) and mapped back to the line as written; folding keeps length for single characters, and where a phrase
/// conversion changed the length the whole line is marked instead of a wrong span.
/// </summary>
public sealed class LineHighlighter(IReadOnlyList<string> terms)
{
    private readonly string[] _terms = terms.Where(t => t.Length > 0).OrderByDescending(t => t.Length).ToArray();

    /// <summary>The line cut into plain and matching segments, or null when nothing in it matches.</summary>
    public IReadOnlyList<HighlightSegment>? Segments(string line)
    {
        if (_terms.Length == 0 || line.Length == 0) return null;
        var folded = ScriptFolding.Fold(line);
        var marked = new bool[folded.Length];
        var any = false;
        foreach (var term in _terms)
        {
            for (var at = folded.IndexOf(term, StringComparison.Ordinal); at >= 0; at = folded.IndexOf(term, at + term.Length, StringComparison.Ordinal))
            {
                Array.Fill(marked, true, at, term.Length);
                any = true;
            }
        }
        if (!any) return null;
        if (folded.Length != line.Length) return [new HighlightSegment(line, true)];
        var segments = new List<HighlightSegment>();
        var start = 0;
        for (var i = 1; i <= line.Length; i++)
        {
            if (i == line.Length || marked[i] != marked[start])
            {
                segments.Add(new HighlightSegment(line[start..i], marked[start]));
                start = i;
            }
        }
        return segments;
    }
}
