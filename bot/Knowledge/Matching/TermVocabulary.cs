using System.Collections.Frozen;

namespace ChatSupport.Bot.Knowledge.Matching;

/// <summary>
/// Multi-character terms the knowledge names explicitly (FAQ tags, after folding): found as substrings of a
/// message, they are strong evidence, and a term that an FAQ does not mention counts against that FAQ.
/// </summary>
public sealed class TermVocabulary
{
    private readonly FrozenSet<string> _terms;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly FrozenSet<char> _starts;
    private readonly int _maxLength;

    public TermVocabulary(IEnumerable<string> terms)
    {
        var set = terms.Where(t => t.Length >= 2).ToHashSet(StringComparer.Ordinal);
        _terms = set.ToFrozenSet(StringComparer.Ordinal);
        _lookup = _terms.GetAlternateLookup<ReadOnlySpan<char>>();
        _starts = set.Select(t => t[0]).ToFrozenSet();
        _maxLength = set.Count == 0 ? 0 : Math.Min(12, set.Max(t => t.Length));
    }

    public int Count => _terms.Count;

    public void FindIn(string text, Action<string> found)
    {
        if (_maxLength == 0) return;
        for (var i = 0; i < text.Length; i++)
        {
            if (!_starts.Contains(text[i])) continue;
            for (var len = Math.Min(_maxLength, text.Length - i); len >= 2; len--)
            {
                if (_lookup.TryGetValue(text.AsSpan(i, len), out var term))
                {
                    found(term);
                    break;
                }
            }
        }
    }
}
