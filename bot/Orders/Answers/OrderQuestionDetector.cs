using System.Text;
using System.Text.RegularExpressions;
using ChatSupport.Bot.Knowledge.Normalization;

namespace ChatSupport.Bot.Orders.Answers;

/// <summary>
/// Whether a message asks about the shopper's own parcel (where it is, whether it shipped, when it arrives, why tracking
/// stopped), in either script, as opposed to the store's general shipping policy (一般几天发货, 用什么快递, 运费), which the
/// FAQ answers. Deliberately small and explainable: a few patterns over the folded (simplified, no spaces or punctuation) text.
/// </summary>
public sealed partial class OrderQuestionDetector
{
    public bool IsOwnParcelQuestion(string text)
    {
        var t = Fold(text);
        if (t.Length == 0 || t.Length > 60) return false;
        if (Policy().IsMatch(t) && !Personal().IsMatch(t)) return false;
        return WhereIsIt().IsMatch(t) || HasItShipped().IsMatch(t) || WhenArrives().IsMatch(t) || (Stalled().IsMatch(t) && Parcel().IsMatch(t))
               || CheckTracking().IsMatch(t) || NotReceived().IsMatch(t)
               || (Personal().IsMatch(t) && Parcel().IsMatch(t) && (Vague().IsMatch(t) || HowLong().IsMatch(t)));
    }

    /// <summary>Simplified script, no whitespace or punctuation, 啥/咋 spellings kept (the patterns know them).</summary>
    internal static string Fold(string text)
    {
        var simplified = TraditionalToSimplified.Shared.Convert(text);
        var sb = new StringBuilder(simplified.Length);
        foreach (var c in simplified)
            if (!char.IsWhiteSpace(c) && !char.IsPunctuation(c) && !char.IsSymbol(c)) sb.Append(char.ToLowerInvariant(c));
        // Taiwan writes 甚麼 for 什么; the folding table keeps 甚.
        return sb.ToString().Replace("甚么", "什么", StringComparison.Ordinal);
    }

    // The store's policy, not one parcel: 一般/通常 …, 下单后多久, which couriers, shipping fees.
    [GeneratedRegex("一般|通常|平时|平常|下单后|付款后|多久发货|几天发货|用(的)?(什么|哪家|哪个)快递|发(什么|哪家)快递|运费|邮费|包邮|能发顺丰|可以发顺丰|支持.*快递")]
    private static partial Regex Policy();

    [GeneratedRegex("我|俺|咱|本人")]
    private static partial Regex Personal();

    [GeneratedRegex("快递|包裹|物流|货|件|单号|订单|东西|宝贝|商品|运单")]
    private static partial Regex Parcel();

    [GeneratedRegex("到哪|在哪|到了哪|哪儿了|什么位置|啥位置|到什么地方|走到哪|送到哪|现在在|位置在")]
    private static partial Regex WhereIsIt();

    [GeneratedRegex("发货了(吗|没|么|嘛)|发了(吗|没|么|嘛)|发出(去)?了(吗|没|么)?|寄出(去)?了|发货没|还没发|怎么还不发|咋还不发|还不发货|(什么|啥)时候(能|会|才)?发(货)?|几时发(货)?|有没有发货|发没发货|出库了(吗|没)")]
    private static partial Regex HasItShipped();

    [GeneratedRegex("(什么|啥)时候(能|会|才|可以)?(到|送到|送达|收到|到货)|几时(能|会)?(到|送到|收到)|哪天(能)?(到|送到|收到)|多久(能|才|可以)?(到|收到|送到)|大概(什么时候|啥时候|几号)")]
    private static partial Regex WhenArrives();

    [GeneratedRegex("不动|没(有)?更新|不更新|没动静|没(有)?变化|卡住|卡在|停在|停了|一直显示|好几天|几天都|没反应|没(有)?进展|不走")]
    private static partial Regex Stalled();

    [GeneratedRegex("查(一下|一查|下)?(我的)?(物流|快递|订单|包裹|单号|运单)|物流(信息|进度|状态|详情)|快递(单号|进度|状态)|运单号|单号是(多少|什么|啥)|跟踪(一下)?(包裹|快递)")]
    private static partial Regex CheckTracking();

    [GeneratedRegex("(还没|怎么还没|咋还没|一直没|都没)(收到|到|送到|送来)|没收到(货|快递|包裹|东西)")]
    private static partial Regex NotReceived();

    [GeneratedRegex("(几天|多久|多长时间)(能|才|可以)?(到|收到|送到)")]
    private static partial Regex HowLong();

    [GeneratedRegex("怎么样了|什么情况|啥情况|进度|状态")]
    private static partial Regex Vague();
}
