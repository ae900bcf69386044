using System.Text.RegularExpressions;
using ChatSupport.Bot.Knowledge.Normalization;

namespace ChatSupport.Bot.Routing;

/// <summary>
/// Messages that are not for this store whatever words they share with the FAQs: spam and adverts (which
/// often carry shop words such as 发票 or 优惠券 on purpose) and questions about purchases on other platforms.
/// </summary>
public static partial class OutOfScopeDetector
{
    [GeneratedRegex(
        "加v|加微|加vx|加wx|加微信|微信号|vx[:：]?[a-z0-9]|wx[:：]?[a-z0-9]|加line|line id|加qq|qq群|扫码关注|扫码|点击(进入|链接|领取)|" +
        "刷单|兼职|日结|一单一结|返利|躺赚|交友|约会|美女在线|成人(影片|视频|网站|电影)|色情|裸聊|博彩|博弈|赌场|百家乐|彩票|注册送|首充|首存|首储|娱乐城|彩金|" +
        "代开|发票代|优惠券群|隐藏优惠券|内部券|带货|主播资源|推广合作|商务合作|引流|代运营|贷款|网贷|套现")]
    private static partial Regex Spam();

    [GeneratedRegex("京东|拼多多|抖音|快手|唯品会|亚马逊|苏宁|得物|闲鱼|虾皮|露天拍卖|momo购物|pchome|hktvmall")]
    private static partial Regex OtherPlatform();

    // "我在拼多多买的…": the purchase itself was elsewhere (京东快递 alone is a courier, not a purchase).
    [GeneratedRegex("(在|从|喺|系)(京东|拼多多|抖音|快手|唯品会|亚马逊|苏宁|得物|闲鱼|虾皮|露天|momo|pchome|hktvmall|别家|其他店|别的店)(上|度)?(买|下单|下的单|拍|订|落单)")]
    private static partial Regex OtherPlatformPurchase();

    public static string? DetectOtherPlatformPurchase(NormalizedText text) =>
        OtherPlatformPurchase().Match(text.Folded) is { Success: true } m ? m.Value : null;

    // Job seekers and suppliers write to the shop's chat too; their words (客服, 发货, 仓库) are shop words.
    [GeneratedRegex("招聘|应聘|招人|招不招|招(客服|主播|店员|美工|运营|仓管|打包员)|求职|找工作|工作机会|面试|投简历|简历|供应商|进货渠道")]
    private static partial Regex NotAShopper();

    public static string? DetectSpam(NormalizedText text) =>
        Spam().Match(text.Folded) is { Success: true } spam ? "spam: " + spam.Value : null;

    public static string? DetectNotAShopper(NormalizedText text) =>
        NotAShopper().Match(text.Folded) is { Success: true } other ? "not a shopper's question: " + other.Value : null;

    public static string? DetectOtherPlatform(NormalizedText text) =>
        OtherPlatform().Match(text.Folded) is { Success: true } other ? "another platform: " + other.Value : null;

    /// <summary>The cue of another platform or a non-shopper (job seeker, supplier), or null.</summary>
    public static string? DetectNotForThisStore(NormalizedText text) =>
        OtherPlatform().Match(text.Folded) is { Success: true } other ? other.Value
        : NotAShopper().Match(text.Folded) is { Success: true } notShopper ? notShopper.Value
        : null;
}
