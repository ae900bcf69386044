using System.Text.RegularExpressions;
using ChatSupport.Bot.Knowledge.Normalization;
using ChatSupport.Bot.Routing.Intent;
using ChatSupport.HandoffContract;

namespace ChatSupport.Bot.Routing;

/// <summary>What made the router hand a conversation over.</summary>
public enum EscalationTrigger
{
    None,
    Complaint,
    NegativeEmotion,
    AfterSales,
    HumanRequested,
    RepeatedFallback,
}

/// <summary>The detector's finding for one message: the reason, what triggered it, and the cue that matched.</summary>
/// <param name="Rule">Which lexicon of the trigger matched (empty for the original ones): the decider calibrates each
/// lexicon's precision on its own, so a new lexicon does not move what an old one's cues weigh.</param>
public sealed record Escalation(HandoffReason Reason, EscalationTrigger Trigger, string Cue, double Confidence, string Rule = "");

/// <summary>
/// Finds, in a normalised (simplified) message, the signs that a person must take over: a complaint or anger
/// (which wins over everything, including an FAQ topic in the same message), a concrete after-sales case about
/// the shopper's own order (as opposed to a general policy question), or an explicit request for a person.
/// The lexicons are general Chinese e-commerce wording (mainland, Taiwan and Hong Kong after folding), not
/// tied to one store.
/// </summary>
public static partial class EscalationDetector
{
    // Complaints: formal complaint channels, bad-review threats, accusations, demands, rude-service reports,
    // "nobody handles it" and repeated unresolved problems.
    [GeneratedRegex(
        "投诉|客诉|申诉|举报|12315|12345|消协|消费者协会|消保|消委会|工商|市场监管|黑猫|差评|负评|一星|1星|曝光|媒体|律师|起诉|告你|告到|维权|" +
        "骗子|骗人|骗钱|诈骗|欺诈|坑人|坑钱|假货|黑店|破店|奸商|虚假宣传|垃圾|烂货|" +
        "态度(太|很|超|真|极|非常|特别)?(差|恶劣|敷衍|不好)|敷衍|恶劣|太差劲|差劲|超差|" +
        "赔偿|索赔|赔钱|平台介入|小二介入|找平台|(找|叫|让|要|喊)(你们|你哋)?(的)?店长|店长(出来|呢)|经理出来|" +
        "没人(管|理|处理|回|解决)|都不回|不回复|不理人|冇人理|推脱|推卸|踢皮球|说话不算数|不讲信用|" +
        "怎么做事|什么服务|复制粘贴|" +
        // Told without a complaint word: a report to the authorities, an accusation, contempt for the service.
        "检举|市场监督|监管局|(我|就|要|去|直接|帮我)报警|法院|霸王条款|欺骗|糊弄|忽悠|耍我|耍人|当我(是)?傻|这不是骗|就是骗|在骗|骗我|" +
        "不像话|太离谱|什么素质|没素质|素质(太|真|好)?差|没良心|黑心|(我|真|也|是)服了|服了你们|当放屁|说话不算话|言而无信|" +
        "(态度|服务|效率).{0,3}(烂|不像话|冷淡|傲慢|嚣张|恶心)|讲嘢好串|好串|到底想(怎样|怎么样|干嘛)|(还)?(做不做|想不想做)生意|冇人(覆|回|应)|" +
        "把你们老板叫|叫你们老板|找你们老板|到底有没有人管|" +
        "(反映|问|说|催|找)了?(好几|两|三|四|五|六|七|八|九|十|几|多少|[2-9]|[1-9][0-9])(次|遍|回)|第(二|三|四|2|3|4)次.{0,12}还")]
    private static partial Regex Complaint();

    // Strong negative emotion without a complaint word: treated as a complaint (the shopper needs a person now).
    // (?<!空)…(?!锅): 空气炸锅 and 气炸锅 (an air fryer, 氣炸鍋 in Taiwan) contain 气炸.
    [GeneratedRegex("气死|无语|太过分|过分了|恶心|滚|妈的|tmd|卧槽|什么玩意|受够|忍无可忍|失望透顶|要疯了|(?<!空)气炸(?!锅)|火大|(很|好|真|太|非常)生气|气人")]
    private static partial Regex Anger();

    // An explicit request for a person.
    [GeneratedRegex(
        "转人工|接(一下|个)?人工|要人工|找人工|叫人工|呼叫人工|人工人工|人工服务|人工客服(吗)?$|^人工$|转接|真人|活人|" +
        "客服本人|客服人员|找(个|一个)?客服|叫(个|一个)?客服|让人来|换个人|找个人|来个人|" +
        "(不要|别|不想)(跟|和|让)?机器人|你是机器人|是不是机器人|机器人吗|" +
        // Asked as a question: whether there is a person, where the human service is, for a person to reply.
        "(有没有|有木有|有冇|有没)(个)?(人工|真人|活人|专人)|有(人工|真人)(客服)?(吗|没|不|么|嘛|冇)|" +
        "人工(客服|服务)?(在哪|在那|哪里找|哪找|怎么找|怎么转|怎么联系|入口|呢|去哪|跑哪)|" +
        "(怎么|如何|咋)(样)?(才能|才可以|可以|能)?(找到|联系到?|转到?|接通|转接)(人工|真人|活人)|" +
        "(专人|专员|真人|客服人员)(来)?(回复|回我|联系|跟进|对接|回答|解答|帮我|跟我|同我)|(人工|真人)(回复|回答|回我|跟进)|" +
        "(让|请|叫|派|安排|换|要)(个|一个|一位|位)?(专人|专员|客服专员|真人|活人)|能说(上)?话的人|活着的客服|" +
        "(有没有|有冇|找|来|要|叫)(个)?人(同|跟|和)我(倾|聊|说|讲|谈)|(跟|和|同)(人工|真人)(聊|说|讲|谈|沟通|对话)|" +
        // A person named by role, without 人工: 让你们主管来, 跟客服小姐姐说, 找个同事, 负责人在吗, 请专员处理.
        "(让|叫|找|请|要|换|喊|派|接|转给|转去)(一下|个|一个|一位|位|你们|你哋)*(负责\\p{IsCJKUnifiedIdeographs}{1,4})?(的)?(客服|售后|值班|后台)?(的)?" +
        "(小姐姐|小哥哥|姐姐|小哥|美女|专员|同事|主管|经理|负责人|管事的|明白人|懂的人|识嘢嘅人|客服部)|" +
        "(跟|和|同)(你们)?(的)?客服(小姐姐|小哥哥|姐姐|小哥|美女|小姐)|" +
        "(负责人|主管|客服小姐姐|客服小哥)(在吗|在不在|呢|来|出来|回复|回我|联系)")]
    // (A particular agent by number or name, 工号A07, 3号客服, 客服阿珍, is left to the model: human-particular-agent.jsonl
    // teaches it, and without its own alternatives here no held-out line, fresh probe or evaluation set moved.)
    private static partial Regex HumanRequest();

    /// <summary>
    /// The shopper refuses the bot or its canned replies (机器人别回了, 自动回复没用, 别用套话, 全都係機械人覆, 罐頭回覆看不懂):
    /// by the labelling rules a request for a person, also when the problem follows in the same message (a request inside
    /// another request). The cue is calibrated like every lexicon cue (its own rule, "bot-refusal").
    /// </summary>
    public static string? BotRefusal(string lexiconView) => BotRefused().Match(lexiconView) is { Success: true } m ? m.Value : null;

    [GeneratedRegex("(别|不要|不想|不跟|不用|不好再|没用|听不懂|看不懂|答非所问|全是|全都是|都是|一直|每次|成日|智障|太笨|好废|靠边|关掉)[^ ]{0,6}" +
                    "(机器|机械人|自动回|自动的|模板|套话|话术|罐头|制式|程序|小助手|小帮手|智能客服)|" +
                    "(机器人|机械人|机器回复|自动回复|自动回覆|模板|套话|话术|罐头|制式|程序|小助手|小帮手|智能客服)[^ ]{0,6}" +
                    "(别|不要|没用|听不懂|看不懂|答非所问|智障|太笨|好废|靠边|不对|不搭|说不清)")]
    private static partial Regex BotRefused();

    // Asking when people are available is an FAQ (service hours), not a request.
    [GeneratedRegex("几点|时间|上班|下班|在线|节假日|周末|晚上|早上|白天|什么时候")]
    private static partial Regex AvailabilityQuestion();

    // After-sales facts that are always a case: money back, damage, wrong or missing items, faults, lost or stuck parcels.
    [GeneratedRegex(
        "退款|退钱|换货|补发|破损|破洞|破了|压烂|压坏|摔坏|烂了|坏了|断了|裂了|开胶|脱胶|开线|脱线|掉色|褪色|起皮|起球|渗水|漏水|" +
        "少了|少件|少发|漏发|缺件|缺了|发错|寄错|发成了|收到的.{0,10}(错|不对|不一样)|不一样大|左右脚|" +
        "收到(的|时|后)?.{0,12}(歪|凹|瘪|变形|划痕|刮痕|划伤|掉漆|生锈|锈|污渍|脏|缺角|磕|碎)|" +
        "没(有)?收到|啥也没有|什么都没有|没看到包裹|丢件|丢了|被人拿|冒领|原路退回|退回了|拒收|" +
        "(物流|快递|包裹).{0,8}(没动|不动|停|卡|没更新|不更新|没有更新|异常)|停在|不更新|" +
        "质量问题|次品|瑕疵|残次|异味|骚味|臭味|霉味|发霉|" +
        "(太厉害|全是|不能穿|没法穿|穿不了|很严重|严重|大量|一大片|到处都是)|" +
        "取消订单|帮我取消|要取消|申请了|售后")]
    private static partial Regex AfterSalesCase();

    // Return/exchange and repair wording that is a case only when it is about the shopper's own item
    // ("保修多久" is the warranty FAQ; "我这个要保修" is a case)...
    [GeneratedRegex("维修|修理|能修|返修|保修|送修|退货|退掉|退了|退回|想退|要退|能退|可以退|退吗|换(大|小)|换一|换个|换码|换尺码|换号|想换|要换|换成|调换")]
    private static partial Regex ReturnOrExchange();

    [GeneratedRegex(
        "我要|我想|想要|我的|帮我|给我|麻烦|申请|ordernumber|trackingnumber|订单编号|订单号|" +
        "(我|这件|这个|这双|这顶|刚)(买|收到|穿|拍|试)|穿了|试穿了|用了|洗了|收到|到了|觉得|不喜欢|太(大|小|紧|松|长|短)|差太多|色差|跟图片|" +
        // Too many bought, a duplicate: the shopper's own order (纸巾买多了 还有两提没拆).
        "(买|拍|订|囤|点)多了|多(买|拍|订|点)了|(买|拍)重复|重复(买|拍|下单)|还有.{0,3}(包|袋|盒|罐|瓶|件|箱|桶|组|套|提)没(拆|开)")]
    private static partial Regex OwnItem();

    // ...and not when it is hypothetical or a general policy question.
    [GeneratedRegex("如果|要是|假如|万一|的话|想先|先问|了解|政策|规则|七天无理由|无理由|运费|邮费|谁出|谁付|谁承担|运费险|差价|价保|" +
                    "多久|多长时间|几年|几个月|期限|保修期|怎么申请|流程")]
    private static partial Regex PolicyQuestion();

    // A problem described as a possibility ("要是坏了保修几年") is a policy question, unless the message also
    // points at the shopper's own item.
    [GeneratedRegex("如果|要是|假如|万一|的话|会不会|会吗|怕")]
    private static partial Regex Hypothetical();

    [GeneratedRegex("如果|要是|假如|万一|假设")]
    private static partial Regex StrongIf();

    [GeneratedRegex("我的|我家的|我买的|我这个|我这台|我这件|我们家的|我那个")]
    private static partial Regex Possessive();

    // Product and shop words that contain a trigger word (垃圾桶 has 垃圾, 破洞牛仔裤 has 破洞, 真人实拍 has 真人,
    // 人工智能 has 人工, 气炸锅 has 气炸; 人工 and 真人 telling how a product is made: 人工刺绣, 真人手绘, 人工缝的还是机器): a single trigger word must not override what the message is about, so
    // these are blanked out before the lexicons read the text (the model still reads every word).
    [GeneratedRegex("垃圾(桶|袋|篓|箱|分类|处理|清理|食物|食品)|破洞(款|牛仔|裤|设计|风)|(真人|活人)(实拍|秀|模特|试穿|上身|图|照|视频|版|cs|尺码)|" +
                    "人工(智能|智慧|费|成本|草|湖|降雨|合成|培育|养殖|种植|甜味|色素|香精|香料|泪液|皮|钻|宝石|呼吸|关节|林|繁殖|授粉|编|织|缝|绣|刺绣|采|摘|挑|拣|吹|制|做|磨|摇|调节|安装|组装|打奶)|(真人|活人)(试色|测评|大小|比例|手|拍)|(人工|手工)\\p{IsCJKUnifiedIdeographs}{0,4}还是(机器|流水线|电动|打印|自动)(?!人)|空?气炸锅|售后(服务)?(电话|热线|邮箱|地址|政策|流程|时间|几点|上班|下班|在线)|假货(怎么|如何)(分辨|辨别|识别|区分)")]
    private static partial Regex BenignCompound();

    /// <summary>The folded text as the lexicons read it: the benign compounds blanked out.</summary>
    public static string LexiconView(NormalizedText text) => BenignCompound().Replace(text.Folded, " ");

    /// <summary>Only the complaint lexicon (a complaint wins over everything, including another platform).</summary>
    public static string? DetectComplaint(NormalizedText text) => DetectComplaint(LexiconText.Of(text));

    /// <inheritdoc cref="DetectComplaint(NormalizedText)"/>
    public static string? DetectComplaint(LexiconText text) =>
        Complaint().Match(text.View) is { Success: true } m ? m.Value : null;

    /// <summary>
    /// A question about when the agents or the after-sales team are available (售后几点上班, 人工客服周末在吗) that
    /// asks for no one: the service-hours FAQ's, whatever person words it contains (labelling rules).
    /// </summary>
    public static string? DetectAgentAvailabilityQuestion(NormalizedText text) => DetectAgentAvailabilityQuestion(LexiconText.Of(text));

    /// <inheritdoc cref="DetectAgentAvailabilityQuestion(NormalizedText)"/>
    public static string? DetectAgentAvailabilityQuestion(LexiconText text)
    {
        var s = text.Text.Folded;
        // The when-word must ask about the agents' availability (晚上几点下班, 周末有没有人工在线), not date a story
        // (上周五晚上接待我的那个客服).
        if (!AgentWord().IsMatch(s) || AgentHoursOnly().Match(s) is not { Success: true } when) return null;
        // A request made in the same breath (现在转人工 几点有人) is a request; 晚上有人工吗 only asks the hours.
        var request = HumanRequest().Match(text.View);
        return request.Success && ExplicitAsk().IsMatch(request.Value) ? null : when.Value;
    }

    [GeneratedRegex("转|要|找|叫|接|换|让|请|派|安排|不想|别")]
    private static partial Regex ExplicitAsk();

    [GeneratedRegex("客服|人工|售后|专人|有人")]
    private static partial Regex AgentWord();

    // A when-word asking about availability: 几点上班, 周末在吗, 节假日有没有人工在线, 什么时候能回复.
    [GeneratedRegex("(几点|什么时候|啥时候|周末|节假日|假日|晚上|早上|白天|凌晨|半夜|周[一二三四五六日天]|星期[一二三四五六日天]|礼拜[一二三四五六日天])" +
                    ".{0,6}(上班|下班|在|有人|值班|上线|在线|回复|能回)")]
    private static partial Regex AgentHoursOnly();

    public static Escalation? Detect(NormalizedText text) => Detect(LexiconText.Of(text));

    public static Escalation? Detect(LexiconText text)
    {
        var s = text.View;
        if (s.Length == 0) return null;
        if (Complaint().Match(s) is { Success: true } complaint)
            return new Escalation(HandoffReason.Complaint, EscalationTrigger.Complaint, complaint.Value, 0.95);
        if (Anger().Match(s) is { Success: true } anger)
            return new Escalation(HandoffReason.Complaint, EscalationTrigger.NegativeEmotion, anger.Value, 0.85);
        if (HumanRequest().Match(s) is { Success: true } human && !AvailabilityQuestion().IsMatch(s))
            return new Escalation(HandoffReason.Human, EscalationTrigger.HumanRequested, human.Value, 0.95);
        if (BotRefusal(s) is { } refusal && !AvailabilityQuestion().IsMatch(s))
            return new Escalation(HandoffReason.Human, EscalationTrigger.HumanRequested, refusal, 0.9, "bot-refusal");
        if (AfterSalesCase().Match(s) is { Success: true } fact)
        {
            var severityOnly = fact.Value is "太厉害" or "全是" or "不能穿" or "没法穿" or "穿不了" or "很严重" or "严重" or "大量" or "一大片" or "到处都是";
            // Severity words alone ("很严重") are a case only next to a problem word; "质量问题" in a question stays a question.
            // A policy question that names the fault (坏了保修几年, 退款多久到账) is the policy FAQ's, not a case, unless
            // it points at the shopper's own item.
            // 要是收到的时候坏了怎么办: a possibility asked before the fault is named stays one even with 收到 in it,
            // unless the shopper names the item as theirs.
            var hypothetical = (Hypothetical().IsMatch(s) || PolicyQuestion().IsMatch(s)) && !OwnItem().IsMatch(s)
                || StrongIf().Match(s) is { Success: true } possibility && possibility.Index < fact.Index && !Possessive().IsMatch(s);
            if ((!severityOnly || ProblemWord().IsMatch(s)) && !hypothetical)
                return new Escalation(HandoffReason.AfterSales, EscalationTrigger.AfterSales, fact.Value, 0.9);
        }
        // "洗了一次就全结块了": a fault that showed after little use is a quality case, whatever the words for the fault.
        if (AfterLittleUse().Match(s) is { Success: true } use && ProblemWord().IsMatch(s[use.Index..]))
            return new Escalation(HandoffReason.AfterSales, EscalationTrigger.AfterSales, use.Value, 0.85);
        // 杯子不保温了, 才用一个月就充不上电, 盖子合不上: a fault told as an outcome, as a statement (or with the
        // shopper's own item or a time since delivery), not as a how-to or is-it-normal question or a possibility.
        if (FaultOutcome().Match(s) is { Success: true } outcome && !Hypothetical().IsMatch(s)
            && IntentFeatures.CuesOf(s) is var cues && (cues & OwnCaseCues.GeneralQuestion) == 0
            && (!AsksSomething().IsMatch(s) || (cues & (OwnCaseCues.OwnCase | OwnCaseCues.TimeSinceDelivery)) != 0))
            return new Escalation(HandoffReason.AfterSales, EscalationTrigger.AfterSales, outcome.Value, 0.85, "fault-outcome");
        // The shopper's own case told without a fault word (labelling rules: the own case vs the general question).
        if (OwnCaseClaim(s) is { } claim)
            return new Escalation(HandoffReason.AfterSales, EscalationTrigger.AfterSales, claim, 0.85, "own-case-claim");
        if (ReturnOrExchange().Match(s) is { Success: true } ret && OwnItem().IsMatch(s) && !PolicyQuestion().IsMatch(s)
            && !(ret.Value.Contains('换') && OrderDetails().IsMatch(s)))
            return new Escalation(HandoffReason.AfterSales, EscalationTrigger.AfterSales, ret.Value, 0.8);
        return null;
    }

    /// <summary>
    /// The shopper's own case told without a fault word: the item said to be still under warranty (还在保修期, 保固還在,
    /// 没过保), a fault that persists after the manual's or the usual steps (按说明书试了好几遍 还是…), an item worse than
    /// the shopper's earlier purchase of it (这批…以前从来没…过), and the shopper's own item failing its authenticity or
    /// trace check (防伪码扫不出来). A possibility (如果还在保修期) or a general what-does-it-mean question is not one.
    /// </summary>
    private static string? OwnCaseClaim(string s)
    {
        if (StrongIf().IsMatch(s)) return null;
        if (UnderWarranty().Match(s) is { Success: true } warranty) return warranty.Value;
        if (PersistingAfterSteps().Match(s) is { Success: true } persisting) return persisting.Value;
        if (ThisBatch().Match(s) is { Success: true } batch && UnlikeEarlier().IsMatch(s) && !EndsAsQuestion().IsMatch(s)) return batch.Value;
        if (CodeCheckFails().Match(s) is { Success: true } code && !WhatItMeans().IsMatch(s)) return code.Value;
        return null;
    }

    [GeneratedRegex("(还|仍|都|应该)(在|没过|没出)(保修|保固|保养|质保)|(保修|保固|质保|保养)(期)?(还在|还没过|还没到|没过|未过|没到期)|没过保|未过保|仲喺(保修|保养|保固)")]
    private static partial Regex UnderWarranty();

    [GeneratedRegex("((按|照|跟)(着)?(说明书|教程|视频|步骤|客服说的|你们说的|网上的)|" +
                    "(试|弄|调|装|做|重置|重启|重装|配对|校正|清洗|清理|换)(了|过)?(好几|几|[两三四五六七八九十]|多|很多)(次|遍|回)|" +
                    "(都|也)(试|做|换|弄|调|装|清|洗)(过)?了|试过了|办法都试).{0,40}(还是|就是|仍然|依然|照样|都係|都是|一样)")]
    private static partial Regex PersistingAfterSteps();

    [GeneratedRegex("这批|这一批|新一批|新的一批|这次|这回|今次|回购|又买的|第二次买|再买的")]
    private static partial Regex ThisBatch();

    [GeneratedRegex("(以前|之前|上次|上回|上一(次|批|条|瓶|个|根|袋|箱)|原来|第一(次|根|个|瓶|批|条)).{0,14}(没|不|冇|好好的|合适|一样|两个|正常)")]
    private static partial Regex UnlikeEarlier();

    [GeneratedRegex("(吗|么|嘛|一样不|会不会|是不是)[?？]?$")]
    private static partial Regex EndsAsQuestion();

    [GeneratedRegex("(防伪|溯源|追溯|验证|真伪|序列|二维)(码|号).{0,15}(扫不|扫唔|查不|查询不到|查唔|无效|不存在|无此|没反应|没有反应|被查询|被查过|不是正规|不是正品)|" +
                    "序号.{0,8}(查不|查询不到|查唔|无效|不存在)")]
    private static partial Regex CodeCheckFails();

    [GeneratedRegex("什么意思|啥意思|在哪|怎么(查|扫|看)|如何(查|扫|看)")]
    private static partial Regex WhatItMeans();

    /// <summary>
    /// Changing an order's delivery details (地址得换一下 还没发吧, 电话留错了 帮忙改下): the change-address FAQ's by the
    /// labelling rules, however much the own order and 换 make it read like a case. Evidence for a question, weighed
    /// by the decider like any cue; a complaint, a request for a person or an after-sales fact in the message wins.
    /// </summary>
    public static string? DetectOrderDetailsChange(NormalizedText text) => DetectOrderDetailsChange(LexiconText.Of(text));

    /// <inheritdoc cref="DetectOrderDetailsChange(NormalizedText)"/>
    public static string? DetectOrderDetailsChange(LexiconText text) =>
        OrderDetailsChange().Match(text.View) is { Success: true } m ? m.Value : null;

    [GeneratedRegex("(收货|收件|寄送|配送)?(地址|电话|手机号|号码|收货人|收件人|门牌|楼层|联系方式).{0,6}(改|换|更新|填错|写错|留错|打错|少写|补上)|" +
                    "(改|换|更改|修改)(一下)?(成|到)?(收货|收件)?(地址|电话|手机号|收货人|收件人)")]
    private static partial Regex OrderDetailsChange();

    // 地址得换一下, 换成顺丰: changing an order's details (the change-address or courier FAQ), not exchanging the goods.
    [GeneratedRegex("地址|电话|手机号|号码|收货人|收件人|门牌|联系方式|配送时间|送货时间|快递公司|顺丰|京东快递|中通|圆通|韵达|申通|邮政|ems")]
    private static partial Regex OrderDetails();

    [GeneratedRegex("掉毛|钻绒|跑毛|漏绒|跑绒|掉绒|结块|起球|掉色|褪色|渗水|漏水|坏|破|裂|断|开胶|脱胶|变形|缩水|不亮|不转|不加热|没反应")]
    private static partial Regex ProblemWord();

    // A fault told by what the item does (or fails to do), across product kinds: power, heat, sound, moving parts,
    // closures, the body of the item, smells; Cantonese 冇/唔 forms after folding.
    [GeneratedRegex("充不(上|进|了|满)(电)?|充不进去|不(保温|加热|制冷|出水|出风|出雾|出汽|启动|开机|通电|制热|工作)了?|不(会)?自动(断电|停)|" +
                    "不(转|亮|响|摇头)了|没(有)?(反应|声音|声|风)了?|(冇|唔)(风|声|反应|热|着|转|亮|响)|没电了|就没电|" +
                    "黑屏|死机|自动关机|自己(停|关|断)|跳闸|漏电|冒烟|烧焦|焦味|糊味|焦掉|焦了|夹生|" +
                    "(合|盖|关|拧|拉|扣)不(上|拢|紧|严|动|开)|弹不(起|回)|(打|开)不(开|了机)|卡住|" +
                    "凹(痕|坑|洞|陷|进去|了)|瘪了|掉了一块|碎(了|成)|裂(纹|缝|开)|甩色|缩成|" +
                    "(就|都|已经)凉了|不(会)?热了|不会热|一倒就(漏|流)|往外(流|漏|渗)|漂移|自己(往|乱)")]
    private static partial Regex FaultOutcome();

    // The message asks something (a question cue): an outcome in a question is a case only with an own-case cue.
    [GeneratedRegex("[吗么呢嘛?？]|怎|什么|为什么|为啥|咋|如何|哪|几|多少|是不是|能不能|可不可以|有没有|要不要|会不会|正常")]
    private static partial Regex AsksSomething();

    [GeneratedRegex("(洗|穿|用|戴|背|充|烧)了?(没)?([一两二三四五六七八九十几半]|[0-9]+)?个?(次|回|天|周|星期|礼拜|月)(后|以后)?就")]
    private static partial Regex AfterLittleUse();
}
