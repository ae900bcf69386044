using System.Collections.Frozen;
using ChatSupport.Bot.Knowledge.Normalization;

namespace ChatSupport.Bot.Knowledge.Segmentation;

/// <summary>
/// Splits simplified Chinese into words the way jieba does without its HMM: the most probable path through the
/// DAG of dictionary words (<see cref="JiebaLexicon"/>), with the store's own terms (tags, synonym terms, product
/// names found in the FAQs' questions) as an overlay that always beats splitting them. One instance per knowledge
/// index; immutable, so messages are segmented concurrently without locks.
/// </summary>
public sealed class WordSegmenter
{
    /// <summary>Log probability of a store term: about a common word's (frequency ≈ 3,000 in jieba's 60M-token corpus).</summary>
    private const float StoreTermLogProbability = -10f;

    private const int MaxStoreTermLength = 12;

    private readonly JiebaLexicon _lexicon;
    private readonly FrozenSet<string> _storeTerms;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _storeLookup;
    private readonly int _maxLength;
    private readonly FrozenSet<string>? _allowedSynonymGroups;

    public WordSegmenter(JiebaLexicon lexicon, IEnumerable<string> storeTerms)
        : this(lexicon, storeTerms.Where(t => t.Length is >= 2 and <= MaxStoreTermLength && t.All(ChineseNormalizer.IsCjk))
            .ToFrozenSet(StringComparer.Ordinal), null)
    {
    }

    private WordSegmenter(JiebaLexicon lexicon, FrozenSet<string> storeTerms, FrozenSet<string>? allowedSynonymGroups)
    {
        _lexicon = lexicon;
        _storeTerms = storeTerms;
        _storeLookup = storeTerms.GetAlternateLookup<ReadOnlySpan<char>>();
        _maxLength = Math.Max(JiebaLexicon.MaxWordLength, storeTerms.Count == 0 ? 0 : storeTerms.Max(t => t.Length));
        _allowedSynonymGroups = allowedSynonymGroups;
    }

    public JiebaLexicon Lexicon => _lexicon;

    public IReadOnlySet<string> StoreTerms => _storeTerms;

    public bool IsStoreTerm(string word) => _storeTerms.Contains(word);

    /// <summary>
    /// The same segmenter whose synonym groups are only those given (the groups the knowledge itself uses): a
    /// message word whose Cilin group holds no word of the store's FAQs can match nothing through it.
    /// </summary>
    public WordSegmenter WithSynonymGroups(IEnumerable<string> groups) =>
        new(_lexicon, _storeTerms, groups.ToFrozenSet(StringComparer.Ordinal));

    /// <summary>Cilin "=" groups of a word (restricted to the knowledge's groups once <see cref="WithSynonymGroups"/> was applied).</summary>
    public IEnumerable<string> SynonymGroupsOf(string word)
    {
        foreach (var code in _lexicon.SynonymGroupsOf(word))
            if (_allowedSynonymGroups is null || _allowedSynonymGroups.Contains(code)) yield return code;
    }

    /// <summary>
    /// How much a word says about the topic, in [0.15, 1] from its general-language IDF: store terms 1, everyday
    /// words (时候, 知道, 现在) little.
    /// </summary>
    public double Informativeness(string word)
    {
        if (_storeTerms.Contains(word)) return 1.0;
        var idf = _lexicon.Idf(word);
        return Math.Clamp((idf - 3.5) / 6.0, 0.15, 1.0);
    }

    /// <summary>Words of the CJK runs of the text, in order (other characters separate runs and are skipped).</summary>
    public List<string> Cut(string text)
    {
        var words = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            if (!ChineseNormalizer.IsCjk(text[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && ChineseNormalizer.IsCjk(text[i])) i++;
            CutRun(text.AsSpan(start, i - start), words);
        }
        return words;
    }

    private void CutRun(ReadOnlySpan<char> run, List<string> words)
    {
        var n = run.Length;
        Span<float> best = n <= 256 ? stackalloc float[n + 1] : new float[n + 1];
        Span<int> next = n <= 256 ? stackalloc int[n] : new int[n];
        best[n] = 0;
        for (var i = n - 1; i >= 0; i--)
        {
            var top = float.NegativeInfinity;
            var length = 1;
            for (var len = 1; len <= _maxLength && i + len <= n; len++)
            {
                var piece = run.Slice(i, len);
                float logP;
                if (_storeLookup.Contains(piece)) logP = Math.Max(StoreTermLogProbability, _lexicon.TryGet(piece, out var se) ? se.LogProbability : float.MinValue);
                else if (len <= JiebaLexicon.MaxWordLength && _lexicon.TryGet(piece, out var entry)) logP = entry.LogProbability;
                else if (len == 1) logP = _lexicon.UnknownLogProbability;
                else continue;
                var total = logP + best[i + len];
                // Ties go to the longer word (jieba keeps the last maximum over increasing lengths).
                if (total >= top)
                {
                    top = total;
                    length = len;
                }
            }
            best[i] = top;
            next[i] = length;
        }
        for (var i = 0; i < n; i += next[i]) words.Add(run.Slice(i, next[i]).ToString());
    }

    /// <summary>
    /// Store-specific words in a question the general dictionary does not know (brand and product names such as
    /// 贝舒, 云朵): runs of two to four single characters the dictionary left unjoined, none a function character.
    /// </summary>
    public static IEnumerable<string> UnknownWords(JiebaLexicon lexicon, string text, Func<char, bool> isFunctionChar)
    {
        var plain = new WordSegmenter(lexicon, []);
        var run = new List<string>();
        foreach (var word in plain.Cut(text).Append(""))
        {
            if (word.Length == 1 && !isFunctionChar(word[0]))
            {
                run.Add(word);
                continue;
            }
            if (run.Count is >= 2 and <= 4) yield return string.Concat(run);
            run.Clear();
        }
    }
}
