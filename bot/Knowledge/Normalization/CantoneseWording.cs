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
    // Measure words (a closed class): 呢 before one is the demonstrative 这 (呢个, 呢张).
    private const string Classifiers = "个款件只种张部台对套包罐支本条双样些盒瓶片块";

    private static readonly FrozenDictionary<string, string> Mandarin = new Dictionary<string, string>
    {
        // 是 / 不: the copula and the negation, in their question forms first.
        ["系唔系"] = "是不是", ["系咪"] = "是不是", ["唔系"] = "不是", ["就系"] = "就是", ["都系"] = "都是", ["系不系"] = "是不是",
        ["使唔使"] = "需不需要", ["可唔可以"] = "可不可以", ["有冇"] = "有没有", ["冇"] = "没", ["唔使"] = "不用",
        // 唔该 is "thank you / please", a filler the normaliser removes as such; every other 唔 is 不.
        ["唔该"] = "唔该", ["唔"] = "不",
        // Question words.
        ["点样"] = "怎么", ["点解"] = "为什么", ["点算"] = "怎么办", ["几耐"] = "多久", ["几多钱"] = "多少钱", ["几多"] = "多少",
        ["几钱"] = "多少钱", ["几时"] = "什么时候", ["边度"] = "哪里", ["边个"] = "哪个", ["边间"] = "哪家", ["边款"] = "哪款",
        ["乜嘢"] = "什么", ["咩"] = "什么", ["乜"] = "什么", ["嘢"] = "东西",
        // 几 + adjective asks "how" (几大 = 多大); 边 + classifier is 哪 + classifier.
        ["几大"] = "多大", ["几长"] = "多长", ["几重"] = "多重", ["几高"] = "多高", ["几远"] = "多远", ["几日"] = "几天",
        ["边种"] = "哪种", ["边只"] = "哪只", ["边件"] = "哪件", ["边条"] = "哪条", ["边样"] = "哪样",
        // Demonstratives: 呢 + classifier is 这 (呢个 = 这个; a sentence-final 呢 is the Mandarin particle and stays),
        // 嗰 is 那.
        ["呢度"] = "这里", ["呢排"] = "最近", ["嗰"] = "那",
        // Pronouns, place and time.
        ["佢哋"] = "他们", ["我哋"] = "我们", ["你哋"] = "你们", ["佢"] = "他", ["喺"] = "在", ["而家"] = "现在",
        ["今日"] = "今天", ["听日"] = "明天", ["琴日"] = "昨天", ["寻日"] = "昨天", ["啱啱"] = "刚刚",
        // Common verbs and particles with a Mandarin equivalent.
        ["睇"] = "看", ["嚟"] = "来", ["攞"] = "拿", ["揾"] = "找", ["搵"] = "找", ["畀"] = "给", ["咁"] = "这么", ["啱"] = "合适",
        ["嘅"] = "的", ["咗"] = "了", ["啲"] = "些", ["落单"] = "下单", ["俾"] = "给", ["拣"] = "选",
        // 平 is "cheap" (平咗 = 降价了, 平啲 = 便宜些); 整 + a bad result is 弄 (整坏 = 弄坏).
        ["平咗"] = "降价了", ["平啲"] = "便宜些", ["整坏"] = "弄坏", ["整烂"] = "弄坏",
        // 细 is "small" (细啲 = 小一些, 细码 = 小码); Mandarin's 细 (thin, fine: 详细, 细心) never stands before these.
        ["细啲"] = "小些", ["细码"] = "小码", ["细个"] = "小个", ["细过"] = "小过",
        // Sentence-final particles Mandarin has no counterpart for: nothing.
        ["㗎"] = " ", ["喎"] = " ", ["啩"] = " ", ["嘞"] = " ",
    }.Concat(Classifiers.Select(c => KeyValuePair.Create("呢" + c, "这" + c))).ToFrozenDictionary(StringComparer.Ordinal);

    // Longest first, so 系唔系 wins over 唔 and 几多钱 over 几多.
    private static readonly Regex Words = new(
        string.Join("|", Mandarin.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape)),
        RegexOptions.CultureInvariant | RegexOptions.Compiled);

    // The A-not-A question of a verb with the potential 得 (坐唔坐得 = can one sit in it): 能不能 + verb. Before the word
    // table, whose 唔 → 不 would leave 坐不坐得.
    private static readonly Regex PotentialQuestion = new(@"(\p{IsCJKUnifiedIdeographs})唔\1得", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    // 仲 is the adverb 还 (仲有, 仲未到, 仲坐得); the Mandarin words with 仲 (仲裁, 仲夏, 伯仲, 仲介) keep it.
    private static readonly Regex StillAdverb = new("(?<!伯)仲(?![裁夏介秋春冬])", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    // 返 after a verb is the complement "back" (补返差价 = 补回差价, 换返, 退返); the Mandarin 返现, 返修, 返回 have 返 first.
    private static readonly Regex BackComplement = new("(?<=[补换退拿攞寄还给畀俾找])返(?![回还现利券款点修厂])", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    // A clause-final 未 asks "yet?" (发咗货未 = 发了货没有); inside a clause 未 is the Mandarin 未 and stays.
    private static readonly Regex YetQuestion = new(@"(?<=\p{IsCJKUnifiedIdeographs})未(?=\s|$|[?？,，。!！])", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    public static string ToMandarin(string simplified)
    {
        if (!HasCantoneseCharacter(simplified)) return simplified;
        var text = PotentialQuestion.Replace(simplified, m => "能不能" + m.Groups[1].Value);
        text = StillAdverb.Replace(text, "还");
        text = BackComplement.Replace(text, "回");
        text = YetQuestion.Replace(text, "没有");
        return Words.Replace(text, m => Mandarin[m.Value]);
    }

    // Every rewrite starts at a character of the table's keys or of the rules above: a text with none is returned as it is.
    private static readonly System.Buffers.SearchValues<char> Starts = System.Buffers.SearchValues.Create(
        string.Concat(Mandarin.Keys.Select(k => k[0]).Distinct()) + "仲返未");

    private static bool HasCantoneseCharacter(string text) => text.AsSpan().IndexOfAny(Starts) >= 0;
}
