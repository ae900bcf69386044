using System.Collections.Frozen;
using System.Reflection;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace ChatSupport.Bot.Knowledge.Normalization;

/// <summary>
/// Folds every variant of a synonym group to the group's canonical term (the first one), longest match
/// first. Built-in groups (default-synonyms.yml) plus the knowledge folder's `_synonyms.yml`.
/// </summary>
public sealed class SynonymTable
{
    private readonly FrozenDictionary<string, string> _toCanonical;
    private readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly FrozenSet<char> _starts;
    private readonly int _maxLength;

    public static SynonymTable BuiltIn { get; } = new(ParseGroups(ReadEmbedded(), "default-synonyms.yml"));

    public IReadOnlyList<IReadOnlyList<string>> Groups { get; }

    public SynonymTable(IReadOnlyList<IReadOnlyList<string>> groups)
    {
        Groups = groups;
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var canonical = Fold(group[0]);
            foreach (var term in group)
            {
                var folded = Fold(term);
                if (folded.Length == 0) continue;
                // Later groups (the knowledge folder's) win over earlier (built-in) ones.
                map[folded] = canonical;
            }
        }
        _toCanonical = map.ToFrozenDictionary(StringComparer.Ordinal);
        _lookup = _toCanonical.GetAlternateLookup<ReadOnlySpan<char>>();
        _starts = map.Keys.Select(k => k[0]).ToFrozenSet();
        _maxLength = map.Count == 0 ? 0 : map.Keys.Max(k => k.Length);
    }

    public SynonymTable Extend(IReadOnlyList<IReadOnlyList<string>> more) => new([.. Groups, .. more]);

    public IEnumerable<string> CanonicalTerms => _toCanonical.Values.Distinct();

    /// <summary>Every term of every group (folded), canonical or not.</summary>
    public IEnumerable<string> AllTerms => _toCanonical.Keys;

    private static string Fold(string term) => ChineseNormalizer.Normalize(term).Folded;

    /// <summary>Replaces variants with canonical terms; returns the canonical terms found, in order.</summary>
    public string Apply(string text, List<string>? found = null)
    {
        if (_maxLength == 0 || text.Length == 0) return text;
        var sb = new StringBuilder(text.Length + 8);
        var i = 0;
        while (i < text.Length)
        {
            if (_starts.Contains(text[i]))
            {
                var matched = false;
                for (var len = Math.Min(_maxLength, text.Length - i); len >= 1; len--)
                {
                    if (_lookup.TryGetValue(text.AsSpan(i, len), out var canonical))
                    {
                        // An ASCII variant must be a whole word ("sf" inside "sfx" is not 顺丰).
                        if (text[i] < 128 && ((i > 0 && char.IsAsciiLetter(text[i - 1])) ||
                                              (i + len < text.Length && char.IsAsciiLetter(text[i + len]))))
                            continue;
                        sb.Append(canonical);
                        found?.Add(canonical);
                        i += len;
                        matched = true;
                        break;
                    }
                }
                if (matched) continue;
            }
            sb.Append(text[i]);
            i++;
        }
        return sb.ToString();
    }

    private static string ReadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ChatSupport.Bot.Knowledge.default-synonyms.yml")
            ?? throw new InvalidOperationException("embedded default-synonyms.yml is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Parses a synonyms file: a YAML sequence of sequences of strings. Throws <see cref="KnowledgeFormatException"/> with a line.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> ParseGroups(string yaml, string fileName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new KnowledgeFormatException((int)ex.Start.Line, $"invalid YAML: {ex.InnerException?.Message ?? ex.Message}");
        }
        catch (InvalidOperationException ex)
        {
            throw new KnowledgeFormatException(1, "invalid YAML (check brackets and quotes): " + ex.Message);
        }
        var groups = new List<IReadOnlyList<string>>();
        if (stream.Documents.Count == 0) return groups;
        if (stream.Documents[0].RootNode is not YamlSequenceNode root)
            throw new KnowledgeFormatException((int)stream.Documents[0].RootNode.Start.Line, "expected a list of synonym groups, e.g. - [快递, 物流, 包裹]");
        foreach (var node in root.Children)
        {
            if (node is not YamlSequenceNode group)
                throw new KnowledgeFormatException((int)node.Start.Line, "each synonym group must be a list, e.g. - [快递, 物流, 包裹]");
            var terms = group.Children.OfType<YamlScalarNode>().Select(s => s.Value?.Trim() ?? "").Where(s => s.Length > 0).ToList();
            if (terms.Count < 2)
                throw new KnowledgeFormatException((int)group.Start.Line, "a synonym group needs at least two terms");
            groups.Add(terms);
        }
        return groups;
    }
}
