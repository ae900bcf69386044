using System.Text.RegularExpressions;

namespace ChatSupport.Bot.Knowledge.Matching;

/// <summary>
/// What a question asks about its subject: when or how long, how much it costs, how to do it, where, how many or how
/// big. Two questions about the same subject with different aspects are different questions (新疆运费补多少 is not
/// 新疆几天到), and an FAQ that never asks or answers the message's aspect is a weaker match.
/// </summary>
[Flags]
public enum QuestionAspect : byte
{
    None = 0,
    Time = 1,
    Cost = 2,
    Method = 4,
    Place = 8,
    Quantity = 16,
}

/// <summary>
/// Finds the aspects of a normalised (simplified-script) text from a closed list of Chinese interrogative patterns
/// (general grammar, nothing of one store), and the aspects an FAQ's answer can answer from the amounts it states
/// (a duration such as "1–2 天", a price such as "15 元", a size such as "28cm").
/// </summary>
public static partial class QuestionAspects
{
    public static QuestionAspect Of(string text)
    {
        var aspects = QuestionAspect.None;
        if (string.IsNullOrEmpty(text)) return aspects;
        if (TimeAsk().IsMatch(text)) aspects |= QuestionAspect.Time;
        if (CostAsk().IsMatch(text)) aspects |= QuestionAspect.Cost;
        if (MethodAsk().IsMatch(text)) aspects |= QuestionAspect.Method;
        if (PlaceAsk().IsMatch(text)) aspects |= QuestionAspect.Place;
        if (QuantityAsk().IsMatch(text)) aspects |= QuestionAspect.Quantity;
        return aspects;
    }

    /// <summary>
    /// The aspects a message asks, when every clause that asks something asks one of them: in 发什么快递 几天能到 the
    /// first question asks which, an aspect of no list, so the message as a whole is not only about time (None).
    /// </summary>
    public static QuestionAspect OfMessage(string content)
    {
        var clauses = content.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (clauses.Length < 2) return Of(content);
        var aspects = QuestionAspect.None;
        foreach (var clause in clauses)
        {
            var own = Of(clause);
            if (own == QuestionAspect.None && clause.Length >= 3 && OtherAsk().IsMatch(clause)) return QuestionAspect.None;
            aspects |= own;
        }
        return aspects;
    }

    /// <summary>The aspects an answer text states amounts for (durations, prices, sizes).</summary>
    public static QuestionAspect AnsweredBy(string answer)
    {
        var aspects = QuestionAspect.None;
        if (string.IsNullOrEmpty(answer)) return aspects;
        if (TimeAmount().IsMatch(answer)) aspects |= QuestionAspect.Time;
        if (CostAmount().IsMatch(answer)) aspects |= QuestionAspect.Cost;
        if (QuantityAmount().IsMatch(answer)) aspects |= QuestionAspect.Quantity;
        return aspects;
    }

    /// <summary>An FAQ's aspects: those its title and alternate questions ask, and those its answer states amounts for.</summary>
    public static QuestionAspect OfFaq(IEnumerable<string> phrasings, string answer)
    {
        var aspects = AnsweredBy(answer);
        foreach (var phrasing in phrasings) aspects |= Of(phrasing);
        return aspects;
    }

    // 多长 asks a length unless 时间 follows (then it is a duration); 怎么 asks how unless it asks why (怎么回事, 怎么没到)
    // or how good (怎么样).
    [GeneratedRegex("多久|多长时间|多少时间|多少天|多少分钟|多少小时|几天|几日|几分钟|几秒|几个?小时|几个?钟|几个月|几年|几周|几个?星期|几个?礼拜|什么时候|啥时候|什么时间|何时|几时|几点|哪天|哪一天|几号|几耐|时效|多快|多少年|几个工作日")]
    private static partial Regex TimeAsk();

    [GeneratedRegex("多少钱|几块|几元|几毛|多钱|几多钱|运费|邮费|收费|费用|价格|价钱|补多少|加多少|付多少|多付|多收|要钱|花钱|免费|差价|包邮|补钱|加钱|贵不贵|便宜")]
    private static partial Regex CostAsk();

    [GeneratedRegex("(?:怎么|咋|如何|点样)(?!样|回事|没|不|还|老|又|总)|步骤|方法|流程|办法|教程|操作")]
    private static partial Regex MethodAsk();

    [GeneratedRegex("哪里|哪儿|在哪|哪个地方|什么地方|啥地方|去哪|哪些地区|哪些地方|边度")]
    private static partial Regex PlaceAsk();

    [GeneratedRegex("多大|多重|多高|多宽|多厚|多长(?!时间)|几个(?!小时|钟|月|星期|礼拜|工作日)|几件|几次|几岁|几斤|几度|多少度|多少毫升|多少克|多少个|多少件|多少次|多少码|几码|尺寸|尺码|容量|多少瓦|几瓦")]
    private static partial Regex QuantityAsk();

    // Asks something that none of the aspects above names (which, what, whether): 哪家, 什么, 吗.
    [GeneratedRegex("什么|啥|哪|吗|么|呢|能不能|可不可以|是不是|有没有|要不要|会不会|[不没]$|[?？]")]
    private static partial Regex OtherAsk();

    [GeneratedRegex(@"\d\s*(?:天|日|分钟|小时|个月|个工作日|工作日|周|年|秒)")]
    private static partial Regex TimeAmount();

    [GeneratedRegex(@"\d\s*(?:元|块)|[¥￥]\s*\d")]
    private static partial Regex CostAmount();

    [GeneratedRegex(@"\d\s*(?:cm|mm|ml|毫升|克|g\b|kg|斤|℃|度|岁|码|米|w\b|瓦|mah|升|l\b)", RegexOptions.IgnoreCase)]
    private static partial Regex QuantityAmount();
}
