using System.Text.RegularExpressions;

namespace ChatSupport.Bot.Knowledge.Normalization;

/// <summary>
/// What a marketplace chat window adds to a shopper's message, which is not part of what the shopper asks: the order
/// or product card pasted in front (咨询订单号:… 商品ID:… 订单金额:… 下单时间:…, in many layouts), the entry point's
/// label (…(移动端), 来自商品详情页, [来自手机淘宝]), timestamps, and the same sentence sent twice. Read as words, a
/// card's 订单/金额/时间 pulled messages towards the order FAQs and its 商品 towards product FAQs whatever the
/// question was. Runs on half-width, lower-case, simplified text (after folding), before numbers are masked.
/// </summary>
public static partial class ChatWindowNoise
{
    // An order number in a card (any length from 6 digits: cards show short numbers too) becomes the masked token,
    // so "the shopper has an order" survives; its label goes.
    [GeneratedRegex(@"(您正在咨询的订单|正在咨询的订单|咨询订单号|咨询订单|订单编号|订单号码|订单号|订单)\s*[:：#]?\s*([0-9]{6,})")]
    private static partial Regex CardOrderNumber();

    // Card fields whose value says nothing about the question: ids, amounts, order times, status, quantity.
    [GeneratedRegex(@"(商品id|商品编号|宝贝id|sku)\s*[:：#]?\s*[0-9a-z]+|" +
                    @"(订单金额|实付金额|实付款|实付|付款金额|金额|总价|价格)\s*[:：]?\s*[¥$]?\s*[0-9]+(\.[0-9]+)?\s*元?|" +
                    @"(下单时间|付款时间|支付时间|成交时间|创建时间)\s*[:：]?\s*[0-9]{2,4}[-/.年][0-9]{1,2}[-/.月][0-9]{1,2}日?(\s*[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?)?|" +
                    @"订单状态\s*[:：]\s*[^\s|｜]{1,8}|数量\s*[:：]\s*[0-9]+|" +
                    @"【我的订单】|【订单】|\[订单\]|您正在咨询的订单\s*[:：]?|正在咨询的订单\s*[:：]?|咨询订单\s*[:：]")]
    private static partial Regex CardField();

    // Labels in front of a card's descriptive values: the value (the product, its colour and size) stays, the label goes.
    [GeneratedRegex(@"(商品名称|商品标题|商品|宝贝|颜色分类|颜色|尺码|规格|型号)\s*[:：]\s*")]
    private static partial Regex CardLabel();

    // Where the chat was opened from: [来自手机淘宝], 来自商品详情页, 来自京东app, (移动端), (pc端).
    [GeneratedRegex(@"[\[【(]\s*来自[^\]】)]{1,20}[\]】)]|" +
                    @"来自\s*(手机淘宝|淘宝|天猫|京东|拼多多|抖音|小红书|微信|网页|手机|pc|电脑)?\s*(app|客户端|小程序|网页版|网页|端)?\s*(商品详情页|宝贝详情页|详情页|订单详情页|订单页|首页|店铺首页|购物车|直播间|商品页)?|" +
                    @"^\s*(商品详情页|宝贝详情页|订单详情页)|" +
                    @"[(]\s*(移动端|手机端|pc端|电脑端|网页端|app端|app|客户端|网页版|千牛)\s*[)]")]
    private static partial Regex EntryLabel();

    // A full timestamp (a date with a year, or a time with seconds) is when the window logged the message.
    [GeneratedRegex(@"[0-9]{4}[-/.年][0-9]{1,2}[-/.月][0-9]{1,2}日?(\s*[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?)?|(?<![0-9:])[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?![0-9])")]
    private static partial Regex Timestamp();

    // A chat window's emoji and attachment codes: a short word in square brackets ([微笑], [疑问], [捂脸], [ok], [图片],
    // [链接]) is how Taobao, Qianniu, JD and WeChat write a sticker or an attachment into the text. Read as words,
    // [微笑] added 微笑 to the question. Square brackets only (full-width ones fold to these): 【预售】 in a pasted title
    // stays. Runs after the card fields, so [订单] and [来自…] are already handled.
    [GeneratedRegex(@"\[\s*[\u4e00-\u9fffa-z]{1,5}\s*\]|/:[a-z()<>@!?*]{1,6}")]
    private static partial Regex EmojiCode();

    /// <summary>Removes cards, entry labels, emoji codes and timestamps; says whether a card carried an order number.</summary>
    public static (string Text, bool HadOrderNumber) Strip(string text)
    {
        var hadOrder = false;
        if (text.Contains("订单", StringComparison.Ordinal))
        {
            text = CardOrderNumber().Replace(text, _ =>
            {
                hadOrder = true;
                return " " + ChineseNormalizer.OrderNumberToken + " ";
            });
        }
        text = CardField().Replace(text, " ");
        text = CardLabel().Replace(text, " ");
        if (text.Contains("来自", StringComparison.Ordinal) || text.Contains('(') || text.Contains("详情页", StringComparison.Ordinal))
            text = EntryLabel().Replace(text, " ");
        if (text.Contains('[') || text.Contains("/:", StringComparison.Ordinal)) text = EmojiCode().Replace(text, " ");
        text = Timestamp().Replace(text, " ");
        return (text, hadOrder);
    }

    /// <summary>
    /// The same sentence sent twice ("几天到 几天到", "在吗在吗"): one copy is the message. Works on folded text
    /// (words separated by single spaces).
    /// </summary>
    public static string DropRepeats(string folded)
    {
        if (folded.Length < 4) return folded;
        // The whole message doubled, with or without a space between the copies.
        var compact = folded.Replace(" ", "", StringComparison.Ordinal);
        if (compact.Length >= 4 && compact.Length % 2 == 0 && compact.AsSpan(0, compact.Length / 2).SequenceEqual(compact.AsSpan(compact.Length / 2)))
        {
            var half = compact[..(compact.Length / 2)];
            // Keep the first copy's spacing when it is a clean split.
            var spaced = folded.Length % 2 == 1 && folded[folded.Length / 2] == ' ' ? folded[..(folded.Length / 2)] : half;
            return spaced.Replace(" ", "", StringComparison.Ordinal) == half ? spaced : half;
        }
        // A segment repeated right after itself.
        var parts = folded.Split(' ');
        if (parts.Length < 2) return folded;
        var kept = new List<string>(parts.Length);
        foreach (var part in parts)
        {
            if (kept.Count > 0 && part.Length >= 2 && kept[^1] == part) continue;
            kept.Add(part);
        }
        return kept.Count == parts.Length ? folded : string.Join(' ', kept);
    }
}
