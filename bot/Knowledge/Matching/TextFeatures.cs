using System.Collections.Frozen;
using ChatSupport.Bot.Knowledge.Normalization;
using ChatSupport.Bot.Knowledge.Segmentation;

namespace ChatSupport.Bot.Knowledge.Matching;

/// <summary>Kinds of lexical evidence, each with its own weight (<see cref="TextFeatures.KindWeight"/>).</summary>
public enum FeatureKind : byte
{
    Bigram,
    Unigram,
    Concept,
    Term,
    Latin,
    Number,
    Word,
    WordSynonym,
    Place,
}

/// <summary>
/// Turns normalised text into lexical features: character bigrams and unigrams of CJK runs (robust to words the
/// dictionary splits wrongly), words from the segmenter weighted by their general-language informativeness and
/// their Cilin synonym groups, synonym concepts, knowledge terms (tags) found as substrings, Latin words and numbers.
/// Keys are prefixed by kind so that, e.g., the concept 快递 and the bigram 快递 are separate evidence.
/// </summary>
public static class TextFeatures
{
    // Function characters: alone they say nothing about the topic, and a bigram that contains one is weak evidence.
    private static readonly FrozenSet<char> StopChars = FrozenSet.ToFrozenSet(
        "的了吗么是我你他她它们这那个就也都还很太把被给让和与或及又再能会可以要想在有不没吧呢啊呀哦嘛得着过去来说问些点儿一下上里啥咋怎");

    // Everyday words that say nothing about a shop topic on their own ("今天会下雨吗" is not about 今天能发货吗):
    // their bigram counts like one containing a function character.
    private static readonly FrozenSet<string> GenericWords = FrozenSet.ToFrozenSet(
    [
        "今天", "明天", "昨天", "后天", "现在", "时候", "东西", "知道", "问题", "一下", "一个", "这个", "那个", "我们", "你们", "他们",
        "什么", "怎么", "为什么", "需要", "觉得", "还是", "已经", "因为", "所以", "但是", "如果", "就是", "真的", "一直", "感觉", "比较",
        "星期", "礼拜", "周末", "今年", "最近", "朋友", "大家", "自己", "谢谢", "天气",
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> GenericLookup = GenericWords.GetAlternateLookup<ReadOnlySpan<char>>();

    public static double KindWeight(FeatureKind kind) => kind switch
    {
        FeatureKind.Bigram => 1.0,
        FeatureKind.Unigram => 0.3,
        FeatureKind.Concept => 0.6,
        FeatureKind.Term => 0.8,
        FeatureKind.Latin => 0.8,
        FeatureKind.Number => 0.25,
        FeatureKind.Word => 0.4,
        FeatureKind.WordSynonym => 0.3,
        FeatureKind.Place => 1.0,
        _ => 0,
    };

    public static FeatureKind KindOf(string key) => key[0] switch
    {
        'B' => FeatureKind.Bigram,
        'U' => FeatureKind.Unigram,
        'C' => FeatureKind.Concept,
        'T' => FeatureKind.Term,
        'L' => FeatureKind.Latin,
        'W' => FeatureKind.Word,
        'S' => FeatureKind.WordSynonym,
        'P' => FeatureKind.Place,
        _ => FeatureKind.Number,
    };

    public static bool IsStopChar(char c) => StopChars.Contains(c);

    /// <summary>An everyday word that says nothing about a shop topic on its own (今天, 知道, 朋友).</summary>
    public static bool IsGenericWord(string word) => GenericWords.Contains(word);

    /// <summary>
    /// One shared feature for every place name (the dictionary's <c>ns</c> words): a message's 福州 or 加拿大 is rarely
    /// the FAQ's own word, but an FAQ whose text names places (a delivery-time table by region, the remote-area list,
    /// where the store ships abroad) is about where things go.
    /// </summary>
    public const string PlaceKey = "P<place>";

    /// <summary>
    /// Folds synonyms (and, for messages, repairs homophone typos against the index), then extracts features with a
    /// per-feature weight factor (stop-heavy n-grams count less).
    /// </summary>
    public static Dictionary<string, double> Extract(string content, SynonymTable synonyms, TermVocabulary? terms, out string folded,
        HomophoneCorrector? homophones = null, List<string>? corrections = null, WordSegmenter? segmenter = null,
        List<string>? vocabulary = null)
    {
        var concepts = new List<string>();
        folded = synonyms.Apply(content, concepts, vocabulary);
        // Typos are repaired on the folded text (the index's own vocabulary), then folded again: 包油 → 包邮 is a synonym concept too.
        if (homophones is not null && homophones.Correct(folded, corrections) is var corrected && !ReferenceEquals(corrected, folded))
        {
            concepts.Clear();
            vocabulary?.Clear();
            folded = synonyms.Apply(corrected, concepts, vocabulary);
        }
        // 寄不寄 / 收得到 read as 寄 / 收到, on both sides of a comparison (after synonym folding, whose groups hold 能不能).
        folded = VerbForms.Fold(folded, segmenter?.Lexicon);
        var features = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var concept in concepts) features["C" + concept] = 1.0;
        terms?.FindIn(folded, term => features["T" + term] = 1.0);
        bool[]? places = null;
        if (segmenter is not null) places = AddWords(folded, segmenter, features);

        var i = 0;
        while (i < folded.Length)
        {
            var c = folded[i];
            if (ChineseNormalizer.IsCjk(c))
            {
                var start = i;
                while (i < folded.Length && ChineseNormalizer.IsCjk(folded[i])) i++;
                AddCjkRun(folded.AsSpan(start, i - start), features, places is null ? default : places.AsSpan(start, i - start));
            }
            else if (char.IsAsciiLetterOrDigit(c))
            {
                var start = i;
                while (i < folded.Length && (char.IsAsciiLetterOrDigit(folded[i]) || folded[i] == '.')) i++;
                var word = folded[start..i].TrimEnd('.');
                if (word is ChineseNormalizer.OrderNumberToken or ChineseNormalizer.PhoneNumberToken or ChineseNormalizer.TrackingNumberToken)
                    continue;
                if (word.Length == 0) continue;
                // A number with its unit typed on (24mm, 59元 arrives as 59 + CJK already) is the number and the unit,
                // as an FAQ that writes "24 mm" has them.
                var unit = char.IsAsciiDigit(word[0]) ? word.AsSpan().IndexOfAnyInRange('a', 'z') : -1;
                if (unit > 0)
                {
                    features["N" + word[..unit].TrimEnd('.')] = 1.0;
                    features["L" + word[unit..]] = 1.0;
                }
                else features[(char.IsAsciiDigit(word[0]) ? "N" : "L") + word] = 1.0;
            }
            else
            {
                i++;
            }
        }
        return features;
    }

    /// <returns>Per character of the text, whether it is part of a place name (null when there is none).</returns>
    private static bool[]? AddWords(string folded, WordSegmenter segmenter, Dictionary<string, double> features)
    {
        bool[]? places = null;
        var cursor = 0;
        foreach (var word in segmenter.Cut(folded))
        {
            var at = folded.IndexOf(word, cursor, StringComparison.Ordinal);
            if (at >= 0) cursor = at + word.Length;
            // Single characters are the unigram features already; function words say nothing about the topic.
            if (word.Length < 2 || segmenter.Lexicon.IsStopWord(word)) continue;
            var factor = segmenter.Informativeness(word);
            var place = segmenter.Lexicon.IsPlaceName(word);
            features["W" + word] = place ? factor * PlaceCharacterFactor : factor;
            if (place)
            {
                features[PlaceKey] = 1.0;
                if (at >= 0)
                {
                    places ??= new bool[folded.Length];
                    places.AsSpan(at, word.Length).Fill(true);
                }
            }
            foreach (var group in segmenter.SynonymGroupsOf(word))
            {
                var key = "S" + group;
                if (!features.TryGetValue(key, out var existing) || existing < factor) features[key] = factor;
            }
        }
        return places;
    }

    /// <summary>
    /// Factor of a character or pair inside a place name: the place counts as <see cref="PlaceKey"/> and as its word;
    /// its characters alone would make a city no FAQ names (福州) read as content the folder cannot explain.
    /// </summary>
    private const double PlaceCharacterFactor = 0.3;

    private static void AddCjkRun(ReadOnlySpan<char> run, Dictionary<string, double> features, ReadOnlySpan<bool> places)
    {
        // Characters of an everyday word (今天, 天气) count as little alone as the word does.
        Span<bool> generic = run.Length <= 256 ? stackalloc bool[run.Length] : new bool[run.Length];
        for (var j = 0; j + 1 < run.Length; j++)
        {
            if (GenericLookup.Contains(run.Slice(j, 2))) generic[j] = generic[j + 1] = true;
        }
        for (var j = 0; j < run.Length; j++)
        {
            var c = run[j];
            var inPlace = places.Length > 0 && places[j];
            if (!IsStopChar(c)) features["U" + c] = generic[j] || inPlace ? 0.3 : 1.0;
            if (j + 1 < run.Length)
            {
                var stops = (IsStopChar(c) ? 1 : 0) + (IsStopChar(run[j + 1]) ? 1 : 0);
                var factor = stops switch { 0 => 1.0, 1 => 0.3, _ => 0.0 };
                if (factor > 0.3 && generic[j] && generic[j + 1] && GenericLookup.Contains(run.Slice(j, 2))) factor = 0.3;
                if (factor > PlaceCharacterFactor && inPlace && places[j + 1]) factor = PlaceCharacterFactor;
                if (factor > 0)
                {
                    var key = string.Concat("B", run.Slice(j, 2));
                    if (!features.TryGetValue(key, out var existing) || existing < factor) features[key] = factor;
                }
            }
        }
    }
}
