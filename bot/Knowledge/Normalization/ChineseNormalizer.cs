using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ChatSupport.Bot.Knowledge.Normalization;

/// <summary>A shopper message after normalisation (see <see cref="ChineseNormalizer"/>).</summary>
/// <param name="Folded">Simplified, half-width, lower-case, punctuation and emoji as spaces, numbers masked; fillers kept.</param>
/// <param name="Content">Folded minus greetings, politeness fillers and sentence particles: what the matcher reads.</param>
public sealed record NormalizedText(string Folded, string Content, bool HasOrderNumber, bool HasPhoneNumber, bool HasTrackingNumber, bool WasTruncated)
{
    public bool IsEmpty => Content.Length == 0;
}

/// <summary>
/// Normalisation for Chinese shopper text, shared by the knowledge index and the router so both sides
/// of a comparison are folded the same way.
/// </summary>
public static partial class ChineseNormalizer
{
    /// <summary>Messages longer than this are cut before matching: the question is nearly always near the start.</summary>
    public const int MaxMatchLength = 300;

    public const string OrderNumberToken = "ordernumber";
    public const string PhoneNumberToken = "phonenumber";
    public const string TrackingNumberToken = "trackingnumber";


    // ASCII fillers only as whole words ("hi" must not eat "shipping").
    [GeneratedRegex("亲爱的|亲亲|在不在|有人在吗|在吗|在么|在嘛|有人吗|有人没|在线吗|请问一下|请问下|请问|你好|您好|哈喽|哈啰|哈罗|嗨|" +
                    "麻烦问一下|麻烦问下|想问一下|想问下|问一下|问下|打扰一下|打扰了|谢谢你|谢谢|多谢|感谢|谢啦|谢了|唔该|拜托|" +
                    "哈哈哈|哈哈|呵呵|嘻嘻|嗯嗯|(?<![a-z])(hello|hi|okay|ok)(?![a-z])")]
    private static partial Regex Filler();

    // "OK" words are fillers only as a reply of their own, at the start or set apart ("好的 几天到"), not inside the
    // question: 冲好的奶 is made-up milk (and Cantonese 沖好嘅奶 folds to it).
    [GeneratedRegex(@"^\s*(好滴|好哒|好的|好吧)|(^|\s)(好滴|好哒|好的|好吧)(?=\s|$)")]
    private static partial Regex Acknowledgement();

    // Ways of addressing the seller are fillers only as a form of address, at the start or set apart
    // ("老板，有货吗"), not as words of the question ("你们老板是谁"). Marketplace shoppers call the seller 宝 / 宝子 /
    // 亲爱哒 as often as 亲; 宝 only set apart ("宝 包邮吗"), never inside 宝宝 (a baby) or 宝贝 (the item).
    [GeneratedRegex(@"^\s*(老板|掌柜|小姐姐|小哥哥|客官|亲爱哒|亲爱滴)|(^|\s)(老板|掌柜|小姐姐|小哥哥|客官|宝子们|宝子|亲爱哒|亲爱滴|宝)(?=\s|$)")]
    private static partial Regex Vocative();

    private static readonly HashSet<char> Particles = [.. "啊呀呢嘛啦哦噢哟呗吖喔咧嘞呐哇诶欸嗯唉哎咯"];

    [GeneratedRegex(@"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")]
    private static partial Regex PhoneNumber();

    [GeneratedRegex(@"[0-9]{10,}")]
    private static partial Regex OrderNumber();

    [GeneratedRegex(@"(?<![a-z])[a-z]{1,4}[0-9]{8,}")]
    private static partial Regex TrackingNumber();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    // "订单号：123…" — once the number is masked, the label in front of it only says what the number is; left in, its
    // words (订单, 单号) would pull the message towards the tracking-number FAQ whatever the actual question.
    // A tracking number's label stays: "快递单号 …" is itself a hint that the question is about tracking.
    [GeneratedRegex(@"((?<!快递|运|物流)(订单编号|订单号码|订单号|订单|单号)\s*(是|为)?[\s:：#]*(?=\sordernumber\s))|((手机号码|手机号|电话号码|电话)\s*(是|为)?[\s:：#]*(?=\sphonenumber\s))")]
    private static partial Regex NumberLabel();

    [GeneratedRegex(@"(^|\s)亲+")]
    private static partial Regex LeadingQin();

    [GeneratedRegex(@"<[^>]{0,200}>")]
    private static partial Regex HtmlTag();

    public static NormalizedText Normalize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return new NormalizedText("", "", false, false, false, false);
        var truncated = raw.Length > MaxMatchLength;
        var text = truncated ? raw[..MaxMatchLength] : raw;

        // HTML or script in the text is treated as noise, never as markup.
        text = HtmlTag().Replace(text, " ");
        // NFKC folds full-width letters, digits and punctuation to half-width and compatibility ideographs to unified ones.
        text = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        text = TraditionalToSimplified.Shared.Convert(text);
        // What the chat window adds (order cards, entry-point labels, timestamps) goes before anything reads the text;
        // an order number in a card stays as the masked number (evidence of the shopper's own case).
        var hadCardOrder = false;
        (text, hadCardOrder) = ChatWindowNoise.Strip(text);
        // Cantonese grammar words (係咪, 點樣, 幾耐, 唔) read as the Mandarin the FAQs are written in.
        text = CantoneseWording.ToMandarin(text);
        text = ServiceWordTypos.Correct(text);

        var hasPhone = PhoneNumber().IsMatch(text);
        if (hasPhone) text = PhoneNumber().Replace(text, " " + PhoneNumberToken + " ");
        var hasTracking = TrackingNumber().IsMatch(text);
        if (hasTracking) text = TrackingNumber().Replace(text, " " + TrackingNumberToken + " ");
        var hasOrder = OrderNumber().IsMatch(text) || hadCardOrder;
        if (hasOrder) text = OrderNumber().Replace(text, " " + OrderNumberToken + " ");
        if (hasOrder || hasPhone) text = NumberLabel().Replace(text, " ");

        var folded = ChatWindowNoise.DropRepeats(Spaces().Replace(KeepWordCharacters(text), " ").Trim());
        return new NormalizedText(folded, RemoveFillers(folded), hasOrder, hasPhone, hasTracking, truncated);
    }

    /// <summary>Letters, digits and CJK stay; punctuation, symbols and emoji become spaces.</summary>
    private static string KeepWordCharacters(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsCjk(rune.Value) || (rune.Value < 128 && char.IsAsciiLetterOrDigit((char)rune.Value)))
            {
                sb.Append(rune.ToString());
            }
            else if (rune.Value == '.' || rune.Value == '-')
            {
                sb.Append((char)rune.Value); // 26.5, 3-4
            }
            else
            {
                var category = Rune.GetUnicodeCategory(rune);
                if (category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.DecimalDigitNumber)
                    sb.Append(rune.ToString());
                else
                    sb.Append(' ');
            }
        }
        return sb.ToString();
    }

    public static bool IsCjk(int c) =>
        c is >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF or >= 0x20000 and <= 0x2EBEF or >= 0xF900 and <= 0xFAFF;

    public static bool IsCjk(char c) => IsCjk((int)c);

    private static string RemoveFillers(string folded)
    {
        // One pass with one compiled alternation (longest first) instead of a scan per filler: normalising runs for
        // every message and for every phrasing of every FAQ on a reload.
        var text = " " + Acknowledgement().Replace(Filler().Replace(" " + folded + " ", " ").Trim(), " ") + " ";
        text = " " + Vocative().Replace(Spaces().Replace(text, " ").Trim(), " ") + " ";
        text = LeadingQin().Replace(text, " ");
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(Particles.Contains(c) ? ' ' : c);
        }
        return Spaces().Replace(sb.ToString(), " ").Trim();
    }
}
