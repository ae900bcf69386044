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

    /// <summary>
    /// The cross-strait shop vocabulary (regional-shop-words.yml: the same product in mainland, Taiwan and Hong Kong
    /// wording, across store types; regional-service-words.yml: the same for words that are not products) first, then
    /// the general groups (default-synonyms.yml), which win where both name a term.
    /// </summary>
    public static SynonymTable BuiltIn { get; } = CreateBuiltIn();

    private static SynonymTable CreateBuiltIn()
    {
        var products = ParseGroups(ReadEmbedded("regional-shop-words.yml"), "regional-shop-words.yml");
        var service = ParseGroups(ReadEmbedded("regional-service-words.yml"), "regional-service-words.yml");
        return new([.. products, .. service, .. ParseGroups(ReadEmbedded("default-synonyms.yml"), "default-synonyms.yml")],
            products.Count + service.Count, products.Count);
    }

    public IReadOnlyList<IReadOnlyList<string>> Groups { get; }

    /// <summary>How many of the first <see cref="Groups"/> only fold wording (the regional vocabulary): see the constructor.</summary>
    public int FoldOnlyGroups { get; }

    // Canonical terms that came only from fold-only groups: the text is folded, but no concept is reported.
    private readonly FrozenSet<string> _foldOnly;
    private readonly FrozenSet<string> _products;

    public int ProductGroups { get; }

    /// <param name="groups">Synonym groups, the first term of each canonical; later groups win a term both name.</param>
    /// <param name="foldOnlyGroups">
    /// The first this-many groups only fold a variant to its canonical word (奶樽 → 奶瓶) and report no concept: the
    /// canonical word is then matched as the FAQ's own text is, with no extra weight. Concept evidence for everyday
    /// product names would let the product outweigh the question word when two FAQs share the product.
    /// </param>
    /// <param name="productGroups">The first this-many groups (fold-only too) name products: see <see cref="Apply"/>.</param>
    public SynonymTable(IReadOnlyList<IReadOnlyList<string>> groups, int foldOnlyGroups = 0, int productGroups = 0)
    {
        Groups = groups;
        FoldOnlyGroups = Math.Clamp(foldOnlyGroups, 0, groups.Count);
        ProductGroups = Math.Clamp(productGroups, 0, FoldOnlyGroups);
        var products = new HashSet<string>(StringComparer.Ordinal);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var conceptCanonicals = new HashSet<string>(StringComparer.Ordinal);
        var foldOnly = new HashSet<string>(StringComparer.Ordinal);
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var canonical = Fold(group[0]);
            if (g < ProductGroups) products.Add(canonical);
            if (g < FoldOnlyGroups) foldOnly.Add(canonical);
            else conceptCanonicals.Add(canonical);
            foreach (var term in group)
            {
                var folded = Fold(term);
                if (folded.Length == 0) continue;
                // Later groups (the knowledge folder's) win over earlier (built-in) ones.
                map[folded] = canonical;
            }
        }
        foldOnly.ExceptWith(conceptCanonicals);
        products.IntersectWith(foldOnly);
        _foldOnly = foldOnly.ToFrozenSet(StringComparer.Ordinal);
        _products = products.ToFrozenSet(StringComparer.Ordinal);
        _toCanonical = map.ToFrozenDictionary(StringComparer.Ordinal);
        _lookup = _toCanonical.GetAlternateLookup<ReadOnlySpan<char>>();
        _starts = map.Keys.Select(k => k[0]).ToFrozenSet();
        _maxLength = map.Count == 0 ? 0 : map.Keys.Max(k => k.Length);
    }

    public SynonymTable Extend(IReadOnlyList<IReadOnlyList<string>> more) => new([.. Groups, .. more], FoldOnlyGroups, ProductGroups);

    public IEnumerable<string> CanonicalTerms => _toCanonical.Values.Distinct();

    /// <summary>
    /// Terms of the concept groups (every group but the fold-only ones): the store's own vocabulary for the segmenter
    /// and the homophone repair. The regional vocabulary only folds; it does not add hundreds of words to either.
    /// </summary>
    public IEnumerable<string> ConceptTerms => _toCanonical.Where(p => !_foldOnly.Contains(p.Value)).Select(p => p.Key);

    public IEnumerable<string> ConceptCanonicalTerms => CanonicalTerms.Where(c => !_foldOnly.Contains(c));

    /// <summary>Whether this canonical term only folds wording (no concept evidence).</summary>
    public bool IsFoldOnly(string canonical) => _foldOnly.Contains(canonical);

    /// <summary>Every term of every group (folded), canonical or not.</summary>
    public IEnumerable<string> AllTerms => _toCanonical.Keys;

    private static string Fold(string term) => ChineseNormalizer.Normalize(term).Folded;

    /// <summary>
    /// Replaces variants with canonical terms; returns the canonical terms found, in order: concept groups in
    /// <paramref name="found"/>, the products of the fold-only vocabulary (奶瓶, 餐椅, 空气炸锅) in <paramref name="vocabulary"/>.
    /// </summary>
    public string Apply(string text, List<string>? found = null, List<string>? vocabulary = null)
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
                        // A match whose last characters begin a longer variant of another group is cut off from its
                        // word: in 怎么收合 (how to fold) 怎么收 (how is it charged) would take the 收 of 收合.
                        // The shorter match here lets the crossing word be read whole.
                        if (len > 1 && CrossesLongerVariant(text, i, len)) continue;
                        sb.Append(canonical);
                        if (!_foldOnly.Contains(canonical)) found?.Add(canonical);
                        else if (_products.Contains(canonical)) vocabulary?.Add(canonical);
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

    private bool CrossesLongerVariant(string text, int start, int length)
    {
        var end = start + length;
        for (var k = start + 1; k < end; k++)
        {
            if (!_starts.Contains(text[k])) continue;
            // Only a word of two characters or more that reaches past this match crosses it.
            for (var len = Math.Min(_maxLength, text.Length - k); len > end - k && len >= 2; len--)
                if (_lookup.ContainsKey(text.AsSpan(k, len))) return true;
        }
        return false;
    }

    private static string ReadEmbedded(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ChatSupport.Bot.Knowledge." + name)
            ?? throw new InvalidOperationException($"embedded {name} is missing");
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
            throw new KnowledgeFormatException((int)ex.Start.Line, $"invalid YAML: {ex.InnerException?.Message ?? ex.Message}",
                "同义词文件的格式有误，请检查这一行的括号和引号");
        }
        catch (InvalidOperationException ex)
        {
            throw new KnowledgeFormatException(1, "invalid YAML (check brackets and quotes): " + ex.Message,
                "同义词文件的格式有误，请检查括号和引号是否成对");
        }
        var groups = new List<IReadOnlyList<string>>();
        if (stream.Documents.Count == 0) return groups;
        if (stream.Documents[0].RootNode is not YamlSequenceNode root)
            throw new KnowledgeFormatException((int)stream.Documents[0].RootNode.Start.Line, "expected a list of synonym groups, e.g. - [快递, 物流, 包裹]",
                "同义词文件应为同义词组的列表，例如 - [快递, 物流, 包裹]");
        foreach (var node in root.Children)
        {
            if (node is not YamlSequenceNode group)
                throw new KnowledgeFormatException((int)node.Start.Line, "each synonym group must be a list, e.g. - [快递, 物流, 包裹]",
                    "每个同义词组都应为列表，例如 - [快递, 物流, 包裹]");
            var terms = group.Children.OfType<YamlScalarNode>().Select(s => s.Value?.Trim() ?? "").Where(s => s.Length > 0).ToList();
            if (terms.Count < 2)
                throw new KnowledgeFormatException((int)group.Start.Line, "a synonym group needs at least two terms", "每个同义词组至少要有两个词");
            groups.Add(terms);
        }
        return groups;
    }
}
