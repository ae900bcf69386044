using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace ChatSupport.Bot.Knowledge.Normalization;

/// <summary>
/// Homophone and input-method typos of the words a support chat turns on (转人工, 客服, 投诉, 差评, 退货…): shoppers type
/// fast and angry, and a typo of the key word itself hid the request from every stage. Only misspellings that are
/// not words of their own in shop Chinese are listed (主人公 is a word, so 人公 is corrected only after 转/找/要…).
/// Store-specific product typos are the matcher's homophone corrector's job (it learns them from the knowledge
/// folder); this table is general. Runs on simplified text.
/// </summary>
public static partial class ServiceWordTypos
{
    private static readonly FrozenDictionary<string, string> Fixes = new Dictionary<string, string>
    {
        ["课服"] = "客服", ["科服"] = "客服", ["客腹"] = "客服",
        ["真任"] = "真人",
        ["推货"] = "退货", ["退贷"] = "退货", ["腿货"] = "退货",
        ["腿款"] = "退款", ["退宽"] = "退款",
        ["投素"] = "投诉", ["头诉"] = "投诉", ["投树"] = "投诉", ["头素"] = "投诉", ["偷诉"] = "投诉", ["投苏"] = "投诉", ["投訢"] = "投诉",
        ["客訢"] = "客诉", ["举抱"] = "举报", ["起素"] = "起诉", ["爆光"] = "曝光", ["消谐"] = "消协", ["消保馆"] = "消保官",
        ["差平"] = "差评", ["差坪"] = "差评", ["插评"] = "差评", ["差凭"] = "差评", ["负平"] = "负评",
        ["骗纸"] = "骗子", ["片人"] = "骗人", ["歧诈"] = "欺诈", ["炸骗"] = "诈骗", ["黑点"] = "黑店",
        ["态渡"] = "态度", ["踢皮求"] = "踢皮球", ["恶星"] = "恶心",
        ["物留"] = "物流", ["快滴"] = "快递", ["发或"] = "发货", ["收获地址"] = "收货地址",
        ["保休"] = "保修",
        ["金天"] = "今天",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    [GeneratedRegex("课服|科服|客腹|真任|推货|退贷|腿货|腿款|退宽|投素|头诉|投树|头素|偷诉|投苏|投訢|客訢|举抱|起素|爆光|消谐|消保馆|" +
                    "差平|差坪|插评|差凭|负平|骗纸|片人|歧诈|炸骗|黑点|态渡|踢皮求|恶星|物留|快滴|发或|收获地址|保休|金天")]
    private static partial Regex Misspelling();

    // 人工 typed by sound (人公, 仁工, 人功, 人攻, 忍工, 人共) after a verb that asks for it, and the verb itself mistyped
    // (砖/赚/传/装人工; not 安装人工费, the fitting labour).
    [GeneratedRegex("(?<=(转|找|要|接|叫|呼叫|来个|砖|赚|传|装)\\s?)(人公|仁工|人功|人攻|忍工|人宫|人共)|(^|(?<=\\s))(人公|仁工|人功|人攻|忍工)(?=\\s|$)|(砖|赚|传)(?=人工)|(?<!安)装(?=人工(?!费|成本))")]
    private static partial Regex HumanAgentTypo();

    public static string Correct(string text)
    {
        text = Misspelling().Replace(text, m => Fixes[m.Value]);
        return HumanAgentTypo().Replace(text, m => m.Value is "砖" or "赚" or "传" or "装" ? "转" : "人工");
    }
}
