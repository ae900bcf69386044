using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace ChatSupport.Bot.Knowledge.Normalization;

/// <summary>
/// Written Cantonese function words folded to their Mandarin counterparts (係咪 → 是不是, 點樣 → 怎么, 幾耐 → 多久,
/// 有冇 → 有没有, 唔 → 不, 喺 → 在…). The FAQs are written in Mandarin, and a Hong Kong shopper's question word was
/// otherwise a word no FAQ has: the question fell back or only its product name matched. General Cantonese grammar
/// words only (no shop vocabulary: that is regional-shop-words.yml); each is either a character Mandarin does not use
/// (唔, 冇, 喺, 嘅, 咗, 佢) or a pair that only Cantonese writes (係咪, 而家). Runs on simplified text (after script
/// folding: 係咪 arrives as 系咪, 點樣 as 点样), before anything reads the words.
/// </summary>
public static class CantoneseWording
{
    private static readonly FrozenDictionary<string, string> Mandarin = new Dictionary<string, string>
    {
        // 是 / 不: the copula and the negation, in their question forms first.
        ["系唔系"] = "是不是", ["系咪"] = "是不是", ["唔系"] = "不是", ["就系"] = "就是", ["都系"] = "都是", ["系不系"] = "是不是",
        ["使唔使"] = "需不需要", ["可唔可以"] = "可不可以", ["有冇"] = "有没有", ["冇"] = "没",
        // 唔该 is "thank you / please", a filler the normaliser removes as such; every other 唔 is 不.
        ["唔该"] = "唔该", ["唔"] = "不",
        // Question words.
        ["点样"] = "怎么", ["点解"] = "为什么", ["点算"] = "怎么办", ["几耐"] = "多久", ["几多钱"] = "多少钱", ["几多"] = "多少",
        ["几钱"] = "多少钱", ["几时"] = "什么时候", ["边度"] = "哪里", ["边个"] = "哪个", ["边间"] = "哪家", ["边款"] = "哪款",
        ["乜嘢"] = "什么", ["咩"] = "什么",
        // Pronouns, place and time.
        ["佢哋"] = "他们", ["我哋"] = "我们", ["你哋"] = "你们", ["佢"] = "他", ["喺"] = "在", ["而家"] = "现在",
        // Common verbs and particles with a Mandarin equivalent.
        ["睇"] = "看", ["嚟"] = "来", ["攞"] = "拿", ["揾"] = "找", ["搵"] = "找", ["畀"] = "给", ["咁"] = "这么", ["啱"] = "合适",
        ["嘅"] = "的", ["咗"] = "了", ["啲"] = "些", ["落单"] = "下单",
        // Sentence-final particles Mandarin has no counterpart for: nothing.
        ["㗎"] = " ", ["喎"] = " ", ["啩"] = " ", ["嘞"] = " ",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Longest first, so 系唔系 wins over 唔 and 几多钱 over 几多.
    private static readonly Regex Words = new(
        string.Join("|", Mandarin.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape)),
        RegexOptions.CultureInvariant | RegexOptions.Compiled);

    public static string ToMandarin(string simplified) => Words.Replace(simplified, m => Mandarin[m.Value]);
}
