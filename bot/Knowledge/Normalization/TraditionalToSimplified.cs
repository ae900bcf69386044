using System.Collections.Frozen;
using System.Reflection;

namespace ChatSupport.Bot.Knowledge.Normalization;

/// <summary>
/// Folds traditional Chinese (including Taiwan and Hong Kong variants and wording) to simplified,
/// using the OpenCC-derived table in t2s-table.txt (see generate-t2s-table.mjs for source and licence).
/// Phrases are matched greedily, longest first, then single characters.
/// </summary>
public sealed class TraditionalToSimplified
{
    private readonly FrozenDictionary<char, char> _chars;
    private readonly FrozenDictionary<string, string> _phrases;
    private readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _phraseLookup;
    private readonly FrozenSet<char> _phraseStarts;
    private readonly int _maxPhraseLength;

    public static TraditionalToSimplified Shared { get; } = LoadEmbedded();

    private TraditionalToSimplified(Dictionary<char, char> chars, Dictionary<string, string> phrases)
    {
        _chars = chars.ToFrozenDictionary();
        _phrases = phrases.ToFrozenDictionary(StringComparer.Ordinal);
        _phraseLookup = _phrases.GetAlternateLookup<ReadOnlySpan<char>>();
        _phraseStarts = phrases.Keys.Select(k => k[0]).ToFrozenSet();
        _maxPhraseLength = phrases.Count == 0 ? 0 : phrases.Keys.Max(k => k.Length);
    }

    public int CharacterCount => _chars.Count;
    public int PhraseCount => _phrases.Count;

    private static TraditionalToSimplified LoadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ChatSupport.Bot.Knowledge.t2s-table.txt")
            ?? throw new InvalidOperationException("embedded t2s-table.txt is missing");
        using var reader = new StreamReader(stream);
        var chars = new Dictionary<char, char>();
        var phrases = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var tab = line.IndexOf('\t');
            if (tab <= 0) continue;
            var source = line[..tab];
            var target = line[(tab + 1)..];
            // Characters outside the BMP (surrogate pairs) are rare in shopper text; they stay as they are.
            if (source.Length == 1 && target.Length == 1) chars[source[0]] = target[0];
            else if (source.Length > 1 && !char.IsSurrogate(source[0])) phrases[source] = target;
        }
        return new TraditionalToSimplified(chars, phrases);
    }

    public string Convert(string text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        var output = new System.Text.StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (_maxPhraseLength > 0 && _phraseStarts.Contains(text[i]))
            {
                var matched = false;
                for (var len = Math.Min(_maxPhraseLength, text.Length - i); len >= 2; len--)
                {
                    if (_phraseLookup.TryGetValue(text.AsSpan(i, len), out var phrase))
                    {
                        output.Append(phrase);
                        i += len;
                        matched = true;
                        break;
                    }
                }
                if (matched) continue;
            }
            var c = text[i];
            output.Append(_chars.TryGetValue(c, out var s) ? s : c);
            i++;
        }
        return output.ToString();
    }
}
