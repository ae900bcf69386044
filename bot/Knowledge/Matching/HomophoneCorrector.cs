using System.Text;
using ChatSupport.Bot.Knowledge.Normalization;
using ChatSupport.Bot.Knowledge.Segmentation;

namespace ChatSupport.Bot.Knowledge.Matching;

/// <summary>
/// Repairs homophone typos against the knowledge's own vocabulary. Shoppers type with pinyin input methods and
/// pick the wrong character of the right sound (几填 for 几天, 包油 for 包邮, 顺风 for 顺丰). A pair of characters that
/// no FAQ contains, whose reading is that of a pair the FAQs do contain, is read as that pair. Pairs the
/// knowledge knows are never touched, so correctly typed messages match exactly as before; nor are pairs that are
/// general Chinese in their place (with a lexicon): 几分 in 几分钟 is no typo of 积分, whatever the store's FAQs say.
/// </summary>
public sealed class HomophoneCorrector
{
    /// <summary>Correction candidates by reading, most used first.</summary>
    private readonly Dictionary<string, List<(string Pair, int Faqs)>> _pairsByReading;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _known;

    /// <summary>A typed pair this common in general Chinese (jieba's corpus count) is a word, not a typo: 几分, 收获, 今天.</summary>
    public const double CommonWordFrequency = 1000;

    private readonly JiebaLexicon? _lexicon;

    /// <param name="pairs">
    /// Character pairs the knowledge contains (after synonym folding), with how many FAQs contain each and whether
    /// any FAQ has it in its questions (title, alternates, tags). Only those are offered as corrections: a pair
    /// that only occurs somewhere in an answer is no evidence of what shoppers mean.
    /// </param>
    /// <param name="lexicon">General Chinese: a pair inside a longer dictionary word, or a common word itself, is kept.</param>
    public HomophoneCorrector(IEnumerable<(string Pair, int Faqs, bool InQuestions)> pairs, JiebaLexicon? lexicon = null)
    {
        _lexicon = lexicon;
        var known = new HashSet<string>(StringComparer.Ordinal);
        _pairsByReading = new Dictionary<string, List<(string, int)>>(StringComparer.Ordinal);
        foreach (var (pair, faqs, inQuestions) in pairs)
        {
            if (pair.Length != 2) continue;
            known.Add(pair);
            if (TextFeatures.IsStopChar(pair[0]) || TextFeatures.IsStopChar(pair[1])) continue;
            if (!inQuestions || Reading(pair[0], pair[1]) is not { } reading) continue;
            if (!_pairsByReading.TryGetValue(reading, out var list)) _pairsByReading[reading] = list = [];
            list.Add((pair, faqs));
        }
        foreach (var list in _pairsByReading.Values) list.Sort((x, y) => y.Faqs.CompareTo(x.Faqs));
        _known = known.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _pairsByReading.Count;

    /// <summary>The text with unknown pairs replaced by the known pair of the same reading; the same instance when nothing changed.</summary>
    public string Correct(string text, List<string>? corrections = null)
    {
        StringBuilder? sb = null;
        for (var i = 0; i + 1 < text.Length; i++)
        {
            var a = sb?[i] ?? text[i];
            var b = text[i + 1];
            if (SoundAlikes(a, b) is not { } candidates) continue;
            // A character that makes a known pair with its other neighbour is no typo: in 被子暴晒 the 暴 belongs to 暴晒,
            // whatever 子暴 sounds like.
            // So is one that makes a common word of general Chinese with it: in 油价多少 the 价 belongs to 油价 and the
            // 多 to 多少, and 价多 is no typo of 加多 (a store's 加多少钱), however it sounds.
            var aFree = i == 0 || !(IsKnown(sb?[i - 1] ?? text[i - 1], a) || IsCommonWord(sb?[i - 1] ?? text[i - 1], a));
            var bFree = i + 2 >= text.Length || !(IsKnown(b, text[i + 2]) || IsCommonWord(b, text[i + 2]));
            // One wrong character in the pair, the other as typed: a wholly different pair of the same sound is
            // more likely another word than a typo.
            var known = candidates.FirstOrDefault(c => (c.Pair[0] == a && c.Pair[1] != b && bFree) || (c.Pair[1] == b && c.Pair[0] != a && aFree)).Pair;
            if (known is null || IsGeneralWord(text, i)) continue;
            // Two typed pairs in a row that the knowledge does not know share their middle character: when the next
            // pair can be repaired keeping it, the typo is the character after it (锅包油: 包油 is 包邮, and 锅包 no typo
            // of 锅保), so this pair waits for the next one instead of changing the shared character.
            if (known[1] != b && SharedCharacterIsKept(text, i + 1)) continue;
            sb ??= new StringBuilder(text);
            sb[i] = known[0];
            sb[i + 1] = known[1];
            corrections?.Add($"{a}{b}→{known}");
            i++; // the corrected pair is settled; go on after it
        }
        return sb?.ToString() ?? text;
    }

    private bool IsKnown(char a, char b) => _known.Contains([a, b]);

    /// <summary>
    /// The known pairs that sound like the typed pair <paramref name="a"/><paramref name="b"/>, most used first; null when
    /// the typed pair is known itself, or is no word: a pair with a function character (溪吗) would only swap in another
    /// word's sound.
    /// </summary>
    private List<(string Pair, int Faqs)>? SoundAlikes(char a, char b)
    {
        if (!ChineseNormalizer.IsCjk(a) || !ChineseNormalizer.IsCjk(b) || TextFeatures.IsStopChar(a) || TextFeatures.IsStopChar(b)) return null;
        if (IsKnown(a, b) || Reading(a, b) is not { } reading) return null;
        return _pairsByReading.GetValueOrDefault(reading);
    }

    /// <summary>Whether the typed pair at <paramref name="i"/> is unknown and has a known pair of its sound that keeps its first character.</summary>
    private bool SharedCharacterIsKept(string text, int i) =>
        i + 1 < text.Length && SoundAlikes(text[i], text[i + 1]) is { } candidates
        && candidates.Any(c => c.Pair[0] == text[i] && c.Pair[1] != text[i + 1]);

    /// <summary>A neighbour pair this frequent in general Chinese is a word the character belongs to (油价 328, 多少).</summary>
    public const double NeighbourWordFrequency = 100;

    private bool IsCommonWord(char a, char b) => _lexicon is not null && _lexicon.Frequency([a, b]) >= NeighbourWordFrequency;

    /// <summary>Whether the pair at <paramref name="i"/> is a common word, or part of a dictionary word of three or four characters there.</summary>
    private bool IsGeneralWord(string text, int i)
    {
        if (_lexicon is null) return false;
        if (_lexicon.Frequency(text.AsSpan(i, 2)) >= CommonWordFrequency) return true;
        for (var start = Math.Max(0, i - 2); start <= i; start++)
        {
            for (var length = 3; length <= 4 && start + length <= text.Length; length++)
            {
                if (start + length < i + 2) continue;
                var word = text.AsSpan(start, length);
                if (_lexicon.Frequency(word) > 0) return true;
            }
        }
        return false;
    }

    private static string? Reading(char a, char b) =>
        PinyinTable.Of(a) is { } ra && PinyinTable.Of(b) is { } rb ? string.Concat(ra, "'", rb) : null;
}
