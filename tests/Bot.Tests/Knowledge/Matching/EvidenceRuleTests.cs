using ChatSupport.Bot.Knowledge;
using ChatSupport.Bot.Knowledge.Matching;
using ChatSupport.Bot.Knowledge.Normalization;
using ChatSupport.Bot.Routing;

namespace ChatSupport.Bot.Tests.Knowledge.Matching;

/// <summary>
/// Below the answer threshold the best FAQ is answered when it explains what the message asks (little of the message's
/// salient content left unexplained), leads clearly and nothing speaks against it; a neighbour FAQ asked about a part
/// it never mentions is not. The lowest score of such an answer is learnt from the folder's off-topic matches.
/// </summary>
public class EvidenceRuleTests
{
    private static readonly FaqEntry Faq = new("x", "茶壶怎么清洗？", [], "care", [], "清水冲洗。", "x.md");

    private static MatchCandidate Candidate(double score, double unexplained = 0.2, double penalty = 1) =>
        new(Faq, score, 0.3, 0.2, penalty) { UnexplainedShare = unexplained };

    /// <summary>A small tea shop written for these tests: products, their care and the shop's policies.</summary>
    private static KnowledgeFolder TeaShop()
    {
        var kb = new KnowledgeFolder(withSampleFaqs: false);
        kb.Write("care/teapot-cleaning.md", KnowledgeFolder.Faq("紫砂壶怎么清洗？", ["紫砂壶能用洗洁精吗", "茶壶有茶垢怎么洗"], ["紫砂壶", "清洗"],
            "紫砂壶用清水冲洗，茶垢可以用小苏打轻擦，不要用洗洁精，洗洁精的味道会被壶吸进去。"));
        kb.Write("product/teapot-capacity.md", KnowledgeFolder.Faq("紫砂壶容量是多少？", ["紫砂壶能装多少水"], ["紫砂壶", "容量"],
            "这款紫砂壶容量 300 毫升，适合 2–3 人泡茶。"));
        kb.Write("product/tea-storage.md", KnowledgeFolder.Faq("茶叶怎么保存？", ["茶叶放冰箱可以吗", "茶叶开封后怎么放"], ["茶叶", "保存"],
            "茶叶密封避光保存，绿茶可以放冰箱冷藏，红茶常温干燥处即可。"));
        kb.Write("shipping/courier.md", KnowledgeFolder.Faq("你们发什么快递？", ["默认哪家快递", "可以发顺丰吗"], ["快递", "顺丰"],
            "默认发中通，顺丰需补差价 8 元。"));
        kb.Write("policy/returns.md", KnowledgeFolder.Faq("支持七天无理由退换吗？", ["不喜欢可以退吗"], ["七天无理由", "退换"],
            "签收 7 天内，包装完好可无理由退换。"));
        kb.Write("order/invoice.md", KnowledgeFolder.Faq("可以开发票吗？", ["发票怎么开"], ["发票", "抬头"], "可以开电子普通发票，下单时填写抬头。"));
        return kb;
    }

    [Fact]
    public void HoldsOnlyForACleanClearLeadThatExplainsTheMessage()
    {
        var rule = new EvidenceRule { MinRatio = 1.5, MaxUnexplainedShare = 0.6 };
        Assert.True(rule.Holds(Candidate(0.24), 0.12));
        Assert.False(rule.Holds(Candidate(0.24), 0.2), "too close to the runner-up");
        Assert.False(rule.Holds(Candidate(0.24, unexplained: 0.8), 0.05), "most of what the message is about is not in the FAQ");
        Assert.False(rule.Holds(Candidate(0.24, penalty: 0.6), 0.05), "the message names a term the FAQ lacks");
    }

    [Fact]
    public void ByDefaultALeadOfAboutOneAndAHalfIsEnoughAndOneAndAThirdIsNot()
    {
        // A paraphrased question leads its runner-up by about 1.45; neighbours of this shape by 1.27–1.32.
        var rule = new EvidenceRule();
        Assert.True(rule.Holds(Candidate(0.35), 0.24));
        Assert.False(rule.Holds(Candidate(0.35), 0.27));
        Assert.Equal(rule.MinRatio, new RoutingOptions().EvidenceLeadRatio);
    }

    [Fact]
    public async Task ContentTheFaqHasIsExplainedAndAPartItNeverMentionsIsNot()
    {
        using var kb = TeaShop();
        var index = (await kb.LoadAsync()).Index;
        var explained = FaqMatcher.Match(index, ChineseNormalizer.Normalize("紫砂壶的茶垢用小苏打洗行吗").Content, 3, new MatcherWeights());
        Assert.Equal("care/teapot-cleaning", explained[0].Faq.Id);
        Assert.True(explained[0].UnexplainedShare < 0.2, $"{explained[0].UnexplainedShare} {string.Join(",", explained[0].UnexplainedWords)}");
        var neighbour = FaqMatcher.Match(index, ChineseNormalizer.Normalize("紫砂壶的盖钮掉漆了能补吗").Content, 3, new MatcherWeights());
        Assert.All(neighbour.Where(c => c.Faq.Id.StartsWith("care/teapot") || c.Faq.Id.StartsWith("product/teapot")),
            c => Assert.Contains(c.UnexplainedWords, w => w.Contains("掉漆")));
        // Only everyday words and an interrogative: nothing says which FAQ the message is about.
        foreach (var c in FaqMatcher.Match(index, ChineseNormalizer.Normalize("今天几号").Content, 3, new MatcherWeights()))
            Assert.Equal(1, c.UnexplainedShare);
    }

    [Fact]
    public async Task TheRouterAnswersADilutedQuestionItExplainsAndNotANeighbourQuestion()
    {
        using var kb = TeaShop();
        // The answer threshold out of reach: only the evidence rule can answer.
        var options = new RoutingOptions { AnswerThreshold = 0.95, ClarifyThreshold = 0.1, EvidenceThreshold = 0.1, EvidenceMaxUnexplainedShare = 0.6 };
        var router = await kb.RouterAsync(options);
        const string diluted = "收到了 包装很用心 紫砂壶泡了几天有茶垢了 能用洗洁精洗吗";
        var decision = router.Route(diluted, RoutingContext.FirstMessage);
        Assert.Equal(Route.Answer, decision.Route);
        Assert.Equal("care/teapot-cleaning", decision.FaqId);
        // A part the teapot FAQs never mention: not answered with the cleaning or capacity FAQ.
        Assert.NotEqual(Route.Answer, router.Route("紫砂壶的盖钮掉漆了能补吗", RoutingContext.FirstMessage).Route);
        // The rule off (evidence threshold 1): the same diluted question is no answer.
        var off = await kb.RouterAsync(new RoutingOptions { AnswerThreshold = 0.95, ClarifyThreshold = 0.1, EvidenceThreshold = 1 });
        Assert.NotEqual(Route.Answer, off.Route(diluted, RoutingContext.FirstMessage).Route);
    }

    [Fact]
    public void TheEvidenceThresholdSitsAboveOffTopicMessagesOfTheSameShapeBelowTheAnswerThreshold()
    {
        var rule = new EvidenceRule { MinRatio = 1.5, MaxUnexplainedShare = 0.6 };
        var calibration = new DecisionCalibration(0.4, 0.35, 0.3)
        {
            OffTopicMatches =
            [
                (Candidate(0.21, unexplained: 0.3), 0.05),  // explained and leading: the bar must clear it
                (Candidate(0.33, unexplained: 0.9), 0.02),  // leaves its subject unexplained: says nothing about the rule
                (Candidate(0.34, unexplained: 0.1), 0.30),  // no clear lead
                (Candidate(0.30, unexplained: 0.1, penalty: 0.6), 0.02), // something speaks against it
                (Candidate(0.55, unexplained: 0.0), 0.10),  // above the answer threshold: answered anyway
            ],
        };
        Assert.Equal(0.22, calibration.LowestScoreFor(rule.Holds));
        var quiet = new DecisionCalibration(0.4, 0.35, 0.3) { OffTopicMatches = [(Candidate(0.33, unexplained: 0.9), 0.02)] };
        Assert.Equal(DecisionCalibration.LeadFloor, quiet.LowestScoreFor(rule.Holds));
    }
}
