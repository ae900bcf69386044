using System.Collections.Frozen;
using System.Reflection;

namespace ChatSupport.Bot.Knowledge.Normalization;

/// <summary>
/// A one-way Chinese script conversion table (OpenCC-derived, embedded): single characters plus phrases whose
/// conversion differs from converting their characters one by one. Phrases are matched greedily, longest first
/// (OpenCC's maximum forward matching), then single characters.
/// </summary>
internal sealed class ScriptTable
{
    private readonly FrozenDictionary<char, char> _chars;
    private readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _phraseLookup;
    private readonly FrozenSet<char> _phraseStarts;
    private readonly int _maxPhraseLength;

    private ScriptTable(Dictionary<char, char> chars, Dictionary<string, string> phrases)
    {
        _chars = chars.ToFrozenDictionary();
        var frozenPhrases = phrases.ToFrozenDictionary(StringComparer.Ordinal);
        _phraseLookup = frozenPhrases.GetAlternateLookup<ReadOnlySpan<char>>();
        _phraseStarts = phrases.Keys.Select(k => k[0]).ToFrozenSet();
        _maxPhraseLength = phrases.Count == 0 ? 0 : phrases.Keys.Max(k => k.Length);
        CharacterCount = chars.Count;
        PhraseCount = phrases.Count;
    }

    public int CharacterCount { get; }
    public int PhraseCount { get; }

    /// <summary>Whether the table converts this character (for the folding table: a traditional-only character).</summary>
    public bool Converts(char c) => _chars.ContainsKey(c);

    public static ScriptTable LoadEmbedded(string resourceName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"embedded {resourceName} is missing");
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
        return new ScriptTable(chars, phrases);
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
            output.Append(_chars.TryGetValue(c, out var converted) ? converted : c);
            i++;
        }
        return output.ToString();
    }
}
