using ChatSupport.Bot.Knowledge;
using ChatSupport.Bot.Knowledge.Matching;
using ChatSupport.Bot.Routing;
using ChatSupport.Bot.Tests.Knowledge;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.Tests.Knowledge.Matching;

public class DecisionCalibratorTests
{
    private static List<(double, bool)> Right(params double[] scores) => scores.Select(s => (s, true)).ToList();

    [Fact]
    public void TheAnswerThresholdSitsBetweenOffTopicAndRightMatches()
    {
        var calibration = DecisionCalibrator.FromScores(Right(0.55, 0.6, 0.62, 0.7, 0.8, 0.5, 0.66), [0.1, 0.15, 0.2, 0.22, 0.25]);
        Assert.InRange(calibration.Answer, 0.25, 0.5);
        Assert.True(calibration.Clarify <= calibration.Answer);
        Assert.True(calibration.Suggest <= calibration.Clarify);
        Assert.Equal(7, calibration.HeldOutCorrect);
        Assert.Equal(0.25, calibration.OffTopicMax);
    }

    [Fact]
    public void OffTopicMessagesScoringHigherRaiseTheThreshold()
    {
        var right = Right(0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7);
        var low = DecisionCalibrator.FromScores(right, [0.1, 0.12, 0.15, 0.2]);
        var high = DecisionCalibrator.FromScores(right, [0.1, 0.3, 0.42, 0.48]);
        Assert.True(high.Answer > low.Answer, $"{high.Answer} should exceed {low.Answer}");
    }

    [Fact]
    public void HeldOutQuestionsThatFoundAnotherFaqCountAsWrong()
    {
        var right = Right(0.5, 0.55, 0.6, 0.65, 0.7);
        var withWrong = right.Concat([(0.45, false), (0.48, false), (0.52, false)]).ToList();
        var offTopic = new[] { 0.1, 0.15 };
        Assert.True(DecisionCalibrator.FromScores(withWrong, offTopic).Answer > DecisionCalibrator.FromScores(right, offTopic).Answer);
    }

    [Fact]
    public void FewHeldOutQuestionsKeepTheThresholdNearTheDefault()
    {
        var offTopic = new[] { 0.5, 0.52, 0.55 };
        var few = DecisionCalibrator.FromScores(Right(0.8, 0.85, 0.9), offTopic);
        var many = DecisionCalibrator.FromScores(Right([.. Enumerable.Repeat(new[] { 0.8, 0.85, 0.9 }, 20).SelectMany(x => x)]), offTopic);
        Assert.True(many.Answer > 0.5, $"{many.Answer}");
        Assert.True(Math.Abs(few.Answer - 0.30) < Math.Abs(many.Answer - 0.30), $"few {few.Answer}, many {many.Answer}");
    }

    [Fact]
    public void ASmallChangeOfOneScoreIsASmallChangeOfTheThreshold()
    {
        // Two stretches of nearly the same gain (below and above the wrong answer at 0.33); one off-topic message
        // moving up by 0.01 at a time. Taking the best stretch alone, the threshold jumped by 0.03 between two steps.
        var heldOut = Enumerable.Range(0, 40).Select(k => (0.30 + 0.01 * k, true)).Concat([(0.33, false), (0.45, false)]).ToList();
        var thresholds = Enumerable.Range(0, 12).Select(step =>
        {
            var offTopic = Enumerable.Range(0, 40).Select(k => 0.05 + 0.004 * k).Append(0.24 + 0.01 * step).ToList();
            return DecisionCalibrator.FromScores(heldOut, offTopic).Answer;
        }).ToList();
        var steps = thresholds.Zip(thresholds.Skip(1), (a, b) => Math.Abs(b - a)).ToList();
        Assert.True(steps.Max() <= 0.012, string.Join(" ", thresholds));
        // The same scores give the same thresholds (the resampling is seeded).
        var offTopicScores = Enumerable.Range(0, 40).Select(k => 0.05 + 0.004 * k).ToList();
        Assert.Equal(DecisionCalibrator.FromScores(heldOut, offTopicScores), DecisionCalibrator.FromScores(heldOut, offTopicScores));
    }

    [Fact]
    public void TooFewAlternateQuestionsKeepTheDefaults() =>
        Assert.Same(DecisionCalibration.Default, DecisionCalibrator.FromScores(Right(0.5), [0.1]));

    /// <summary>A synthetic tea shop: every FAQ has alternate questions to hold out.</summary>
    private static KnowledgeFolder TeaShop()
    {
        var kb = new KnowledgeFolder(withSampleFaqs: false);
        kb.Write("shipping/courier.md", KnowledgeFolder.Faq("发什么快递？", ["默认哪家快递", "可以指定顺丰吗", "用的什么物流"], ["快递", "顺丰"], "默认发中通，顺丰补 8 元。"));
        kb.Write("shipping/delivery.md", KnowledgeFolder.Faq("几天能收到？", ["快递要几天到", "多久能到货", "寄到上海要多久"], ["到货时间"], "江浙沪 1–2 天，其他 3–5 天。"));
        kb.Write("policy/returns.md", KnowledgeFolder.Faq("支持七天无理由退货吗？", ["不喜欢可以退吗", "拆封了还能退吗", "退货运费谁出"], ["退货"], "签收 7 天内未拆封可退。"));
        kb.Write("order/invoice.md", KnowledgeFolder.Faq("可以开发票吗？", ["发票怎么开", "能开公司抬头吗", "电子发票在哪下载"], ["发票", "抬头"], "可开电子普通发票。"));
        kb.Write("product/teapot-cleaning.md", KnowledgeFolder.Faq("紫砂壶怎么清洗？", ["紫砂壶能用洗洁精吗", "茶垢怎么去掉", "新壶要开壶吗"], ["紫砂壶", "清洗"], "清水冲洗，不用洗洁精。"));
        kb.Write("product/tea-storage.md", KnowledgeFolder.Faq("茶叶怎么保存？", ["茶叶要放冰箱吗", "开封后能放多久", "绿茶怎么存"], ["保存", "茶叶"], "密封避光，绿茶冷藏。"));
        return kb;
    }

    [Fact]
    public async Task CalibratesOnASyntheticFolder()
    {
        using var kb = TeaShop();
        var calibration = (await kb.LoadAsync()).Calibration;
        Assert.NotSame(DecisionCalibration.Default, calibration);
        Assert.InRange(calibration.HeldOutTotal, 6, 18);
        Assert.True(calibration.HeldOutCorrect * 2 > calibration.HeldOutTotal, calibration.Source);
        Assert.InRange(calibration.Answer, 0.12, 0.60);
        Assert.True(calibration.Clarify <= calibration.Answer && calibration.Suggest <= calibration.Clarify);
    }

    [Theory]
    [InlineData("请问你们默认用哪家快递公司发货", "shipping/courier")]
    [InlineData("上周买了个紫砂壶送朋友 她特别喜欢 紫砂壶能用洗洁精洗吗", "product/teapot-cleaning")]
    [InlineData("紫砂壺點樣清洗", "product/teapot-cleaning")]
    [InlineData("发票可以开公司的抬头吗 顺便问下几天能到", "order/invoice")]
    [InlineData("茶叶开了封能放多久", "product/tea-storage")]
    public async Task TheCalibratedRouterAnswersHeldOutPhrasings(string text, string faqId)
    {
        using var kb = TeaShop();
        var decision = (await kb.RouterAsync()).Route(text, RoutingContext.FirstMessage);
        Assert.Equal(Route.Answer, decision.Route);
        Assert.Equal(faqId, decision.FaqId);
    }

    [Theory]
    [InlineData("今天天气怎么样")]
    [InlineData("推荐一部好看的电影")]
    public async Task TheCalibratedRouterFallsBackOffTopic(string text)
    {
        using var kb = TeaShop();
        Assert.NotEqual(Route.Answer, (await kb.RouterAsync()).Route(text, RoutingContext.FirstMessage).Route);
    }

    [Fact]
    public async Task AnExplicitThresholdOverridesTheCalibration()
    {
        using var kb = TeaShop();
        var snapshot = await kb.LoadAsync();
        var strict = new MessageRouter(new FixedKnowledgeSource(snapshot), Options.Create(new RoutingOptions { AnswerThreshold = 0.99 }),
            Options.Create(new KnowledgeOptions()));
        var calibrated = new MessageRouter(new FixedKnowledgeSource(snapshot), Options.Create(new RoutingOptions()), Options.Create(new KnowledgeOptions()));
        const string text = "发票可以开公司的抬头吗";
        var decision = calibrated.Route(text, RoutingContext.FirstMessage);
        Assert.Equal(Route.Answer, decision.Route);
        Assert.True(decision.Score < 0.99, $"score {decision.Score}");
        Assert.NotEqual(Route.Answer, strict.Route(text, RoutingContext.FirstMessage).Route);
    }
}
