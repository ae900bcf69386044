using System.Collections.Frozen;

namespace ChatSupport.Bot.Knowledge.Segmentation;

/// <summary>
/// The general Chinese lexicon shipped by the jieba.NET package (copied to the build output's <c>Resources/</c>):
/// ~350k words with corpus frequencies (dict.txt), general-language IDF weights (idf.txt), stop words
/// (stopwords.txt) and the synonym groups of the HIT Tongyici Cilin (cn_synonym.txt; only its "=" lines, true
/// synonyms: "#" lines are merely related words and "@" lines stand alone). Loaded once per process, read-only
/// afterwards and shared by every knowledge index; a store's own terms are an overlay per index
/// (<see cref="WordSegmenter"/>), so hot reloads never mutate it.
/// </summary>
public sealed class JiebaLexicon
{
    /// <summary>Longest general word considered when segmenting (longer dictionary entries are idioms and names).</summary>
    public const int MaxWordLength = 8;

    /// <summary>Corpus count from which a word tagged <c>ns</c> is taken as a place name (<see cref="IsPlaceName"/>).</summary>
    public const long MinPlaceFrequency = 100;

    private static readonly Lazy<JiebaLexicon> SharedInstance = new(() => Load(DefaultFolder()), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The process-wide lexicon, loaded on first use.</summary>
    public static JiebaLexicon Shared => SharedInstance.Value;

    internal readonly record struct Entry(float LogProbability, float Idf);

    // Plain dictionaries: read-only after load, so safe for concurrent readers, and far quicker to build than frozen
    // ones at this size (the load counts against the knowledge load budget once per process).
    private readonly Dictionary<string, Entry> _words;
    private readonly Dictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly FrozenDictionary<string, string[]> _cilin;
    private readonly FrozenSet<string> _stopWords;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _places;
    private readonly HashSet<char> _verbs;

    private JiebaLexicon(Dictionary<string, Entry> words, float unknownLogProbability, float medianIdf,
        FrozenDictionary<string, string[]> cilin, FrozenSet<string> stopWords, HashSet<string> places, HashSet<char> verbs)
    {
        _places = places.GetAlternateLookup<ReadOnlySpan<char>>();
        _verbs = verbs;
        _words = words;
        _lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
        UnknownLogProbability = unknownLogProbability;
        MedianIdf = medianIdf;
        _cilin = cilin;
        _stopWords = stopWords;
    }

    public int Count => _words.Count;

    /// <summary>Log probability given to a character the dictionary does not know (as jieba: frequency 1).</summary>
    public float UnknownLogProbability { get; }

    /// <summary>IDF of a word the IDF table does not know (jieba's keyword extractor uses the median too).</summary>
    public float MedianIdf { get; }

    internal bool TryGet(ReadOnlySpan<char> word, out Entry entry) => _lookup.TryGetValue(word, out entry);

    /// <summary>General-language IDF: low for everyday words (今天 ≈ 5), high for specific ones (退货 ≈ 10.7).</summary>
    public float Idf(ReadOnlySpan<char> word) => _lookup.TryGetValue(word, out var e) && e.Idf > 0 ? e.Idf : MedianIdf;

    public bool IsStopWord(string word) => _stopWords.Contains(word);

    /// <summary>
    /// Whether the dictionary tags the word as a place name (part of speech <c>ns</c>: 福州, 新疆, 澳门, 加拿大). A
    /// shopper's city or country is rarely a word of the store's FAQs, yet it says the question is about shipping there.
    /// </summary>
    public bool IsPlaceName(ReadOnlySpan<char> word) => _places.Contains(word);

    /// <summary>Whether the dictionary tags this character, as a word of its own, as a verb (收 v, 装 v; not 才 d).</summary>
    public bool IsVerb(char c) => _verbs.Contains(c);

    /// <summary>The word's count in jieba's corpus (0 when the dictionary does not know it).</summary>
    public double Frequency(ReadOnlySpan<char> word) =>
        _lookup.TryGetValue(word, out var e) ? Math.Exp(e.LogProbability - UnknownLogProbability) : 0;

    /// <summary>The Cilin codes of the "=" synonym groups this word belongs to (a polysemous word has several).</summary>
    public IReadOnlyList<string> SynonymGroupsOf(string word) => _cilin.TryGetValue(word, out var codes) ? codes : [];

    /// <summary>Where the package's data sits next to the binaries.</summary>
    public static string DefaultFolder() => Path.Combine(AppContext.BaseDirectory, "Resources");

    public static JiebaLexicon Load(string folder)
    {
        var dictPath = Path.Combine(folder, "dict.txt");
        if (!File.Exists(dictPath))
            throw new FileNotFoundException($"jieba's dictionary is missing: {dictPath} (the bot's project file copies the jieba.NET package's Resources folder to the build output)", dictPath);

        var frequencies = new Dictionary<string, long>(400_000, StringComparer.Ordinal);
        var places = new HashSet<string>(StringComparer.Ordinal);
        var verbs = new HashSet<char>();
        long total = 0;
        foreach (var line in File.ReadLines(dictPath))
        {
            var span = line.AsSpan();
            var first = span.IndexOf(' ');
            if (first <= 0) continue;
            var rest = span[(first + 1)..];
            var second = rest.IndexOf(' ');
            if (!long.TryParse(second < 0 ? rest : rest[..second], out var freq) || freq <= 0) continue;
            var word = span[..first];
            if (word.Length > MaxWordLength) continue;
            var key = word.ToString();
            frequencies[key] = freq;
            total += freq;
            // "福州 897 ns": the third column is the part of speech (the file has CRLF line ends).
            if (second > 0)
            {
                var pos = rest[(second + 1)..].TrimEnd();
                // Rare ns entries are mostly villages and old names whose word means something else today (京东 70,
                // the retailer); cities, provinces and countries are far more frequent (福州 897, 澳洲 263, 三亚 179).
                if (word.Length >= 2 && pos is "ns" && freq >= MinPlaceFrequency) places.Add(key);
                else if (word.Length == 1 && pos.Length > 0 && pos[0] == 'v') verbs.Add(word[0]);
            }
        }
        var idf = new Dictionary<string, float>(frequencies.Count, StringComparer.Ordinal);
        var known = frequencies.GetAlternateLookup<ReadOnlySpan<char>>();
        var idfValues = new List<float>(300_000);
        var idfPath = Path.Combine(folder, "idf.txt");
        if (File.Exists(idfPath))
        {
            foreach (var line in File.ReadLines(idfPath))
            {
                var space = line.LastIndexOf(' ');
                if (space <= 0 || !float.TryParse(line.AsSpan(space + 1), System.Globalization.CultureInfo.InvariantCulture, out var value)) continue;
                idfValues.Add(value);
                if (known.ContainsKey(line.AsSpan(0, space))) idf[line[..space]] = value;
            }
        }
        idfValues.Sort();
        var median = idfValues.Count > 0 ? idfValues[idfValues.Count / 2] : 10f;
        var logTotal = Math.Log(total);
        var words = new Dictionary<string, Entry>(frequencies.Count, StringComparer.Ordinal);
        foreach (var (word, freq) in frequencies)
            words[word] = new Entry((float)(Math.Log(freq) - logTotal), idf.GetValueOrDefault(word));

        var cilin = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var cilinPath = Path.Combine(folder, "cn_synonym.txt");
        if (File.Exists(cilinPath))
        {
            foreach (var line in File.ReadLines(cilinPath))
            {
                // "Aa01A01= 人 士 人物": an 8-character code whose last character says what the line is.
                if (line.Length < 10 || line[7] != '=') continue;
                var code = line[..7];
                var members = line[8..].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (members.Length < 2) continue;
                foreach (var member in members)
                {
                    if (!cilin.TryGetValue(member, out var codes)) cilin[member] = codes = [];
                    codes.Add(code);
                }
            }
        }
        var stop = new HashSet<string>(StringComparer.Ordinal);
        var stopPath = Path.Combine(folder, "stopwords.txt");
        if (File.Exists(stopPath))
            foreach (var line in File.ReadLines(stopPath))
                if (line.Trim().TrimStart('\uFEFF') is { Length: > 0 } w) stop.Add(w);

        return new JiebaLexicon(words, (float)-logTotal, median,
            cilin.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal), stop.ToFrozenSet(StringComparer.Ordinal), places, verbs);
    }
}
