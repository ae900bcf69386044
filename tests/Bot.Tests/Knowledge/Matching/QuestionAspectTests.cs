using ChatSupport.Bot.Knowledge.Matching;
using ChatSupport.Bot.Knowledge.Normalization;
using ChatSupport.Bot.Routing;
using ChatSupport.Bot.Tests.Knowledge;

namespace ChatSupport.Bot.Tests.Knowledge.Matching;

/// <summary>
/// What a question asks about its subject (<see cref="QuestionAspects"/>), and what the matcher does with it and with
/// a sibling of the FAQ's product, on small stores written for these tests (no evaluation set's store or lines).
/// </summary>
public class QuestionAspectTests
{
    private static QuestionAspect Of(string text) => QuestionAspects.Of(ChineseNormalizer.Normalize(text).Content);

    [Theory]
    [InlineData("寄到海南要几天", QuestionAspect.Time)]
    [InlineData("茶叶开封后能放多長時間", QuestionAspect.Time)]
    [InlineData("什么时候能发出", QuestionAspect.Time)]
    [InlineData("同城配送要加多少钱", QuestionAspect.Cost)]
    [InlineData("偏遠地區運費怎麼收", QuestionAspect.Cost | QuestionAspect.Method)]
    [InlineData("滤芯怎么换", QuestionAspect.Method)]
    [InlineData("安装步骤是什么", QuestionAspect.Method)]
    [InlineData("实体店在哪里", QuestionAspect.Place)]
    [InlineData("这款帐篷多重", QuestionAspect.Quantity)]
    [InlineData("一次能装几个", QuestionAspect.Quantity)]
    [InlineData("能用信用卡吗", QuestionAspect.None)]
    public void InterrogativesSayWhatIsAsked(string text, QuestionAspect expected) => Assert.Equal(expected, Of(text));

    [Theory]
    [InlineData("怎么还没到")]
    [InlineData("咋回事 一直显示待揽收")]
    public void AskingWhyIsNotAskingHow(string text) => Assert.False(Of(text).HasFlag(QuestionAspect.Method));

    [Fact]
    public void TwoHoursIsADurationNotAQuantity()
    {
        Assert.Equal(QuestionAspect.Time, Of("充电要几个小时"));
        Assert.Equal(QuestionAspect.Time, Of("刷子多长时间换一次"));
        Assert.Equal(QuestionAspect.Quantity, Of("线有多长"));
    }

    [Fact]
    public void AnAnswerAnswersTheAspectsItStatesAmountsFor()
    {
        Assert.Equal(QuestionAspect.Time, QuestionAspects.AnsweredBy("一般发货后 2–3 天送达"));
        Assert.Equal(QuestionAspect.Cost, QuestionAspects.AnsweredBy("每单补运费 12 元"));
        Assert.Equal(QuestionAspect.Quantity, QuestionAspects.AnsweredBy("口径 26cm，适合 2–3 人"));
        Assert.Equal(QuestionAspect.None, QuestionAspects.AnsweredBy("请联系客服处理"));
        Assert.Equal(QuestionAspect.Time | QuestionAspect.Cost, QuestionAspects.OfFaq(["多久能到"], "另付 5 元可加急"));
    }

    // A tea shop: two FAQs about shipping to remote regions, one about how long, one about what it costs; two about
    // the shop's own kettle.
    private static KnowledgeFolder TeaShop()
    {
        var folder = new KnowledgeFolder(withSampleFaqs: false);
        folder.Write("shipping/remote-time.md", KnowledgeFolder.Faq("偏远地区发货后几天能到？", ["新疆西藏多久到", "海南要几天"],
            ["偏远地区", "新疆", "西藏", "海南"], "偏远地区发货后一般 5–7 天送达，遇天气原因会延后。"));
        folder.Write("shipping/remote-fee.md", KnowledgeFolder.Faq("偏远地区包邮吗？运费补多少？", ["新疆西藏包邮吗", "海南要补运费吗"],
            ["偏远地区", "新疆", "西藏", "海南", "包邮", "运费"], "新疆、西藏、海南不参与包邮，每单需补运费 12 元。"));
        folder.Write("products/kettle/auto-off.md", KnowledgeFolder.Faq("电热水壶会自动断电吗？", ["电热水壶烧干了会断电吗", "电热水壶有防干烧吗"],
            ["电热水壶", "自动断电", "防干烧"], "水开后自动断电，并带防干烧保护，壶内无水时会自动停止加热。"));
        folder.Write("products/kettle/first-use.md", KnowledgeFolder.Faq("电热水壶第一次用要怎么处理？", ["新电热水壶要先洗吗", "电热水壶有味道正常吗"],
            ["电热水壶", "首次使用", "异味"], "第一次使用前加满水烧开倒掉，重复两三次即可。"));
        folder.Write("products/tea/storage.md", KnowledgeFolder.Faq("茶叶怎么保存？能放多久？", ["茶叶要放冰箱吗", "绿茶开封后怎么存"],
            ["茶叶", "保存", "保质期"], "密封避光保存，绿茶冷藏 12 个月内喝完口感最好。"));
        folder.Write("order/invoice.md", KnowledgeFolder.Faq("可以开发票吗？", ["能开专票吗", "发票在哪下载"],
            ["发票", "专票"], "下单时填写抬头即可开电子发票，发货后 3 天内开出。"));
        return folder;
    }

    [Theory]
    [InlineData("寄到新疆要多付多少钱", "shipping/remote-fee", "shipping/remote-time")]
    [InlineData("海南那边下单要补几块", "shipping/remote-fee", "shipping/remote-time")]
    [InlineData("寄到西藏一般多长时间", "shipping/remote-time", "shipping/remote-fee")]
    public async Task TheFaqThatAsksTheSameAspectRanksFirst(string message, string faqId, string otherAspect)
    {
        using var folder = TeaShop();
        var router = await folder.RouterAsync();
        var (_, candidates) = router.Explain(message, RoutingContext.FirstMessage);
        Assert.Equal(faqId, candidates[0].Faq.Id);
        // The FAQ about the same place that asks another aspect is marked down for it.
        var other = candidates.Single(c => c.Faq.Id == otherAspect);
        Assert.Contains(other.Evidence, e => e.StartsWith("asks ", StringComparison.Ordinal));
        Assert.DoesNotContain(candidates[0].Evidence, e => e.StartsWith("asks ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("电热毯会自动断电吗", "电热水壶会自动断电吗")]
    [InlineData("电热毯第一次用要怎么处理", "电热水壶第一次用要怎么处理")]
    public async Task AThingThatSharesPartOfTheProductsNameIsMarkedDown(string sibling, string own)
    {
        using var folder = TeaShop();
        var router = await folder.RouterAsync();
        var control = router.Preview(own, RoutingContext.FirstMessage);
        Assert.Equal(Route.Answer, control.Route);
        var (decision, candidates) = router.Explain(sibling, RoutingContext.FirstMessage);
        Assert.True(candidates[0].Penalty < 1);
        Assert.Contains(candidates[0].Evidence, e => e.Contains("'电热毯'", StringComparison.Ordinal));
        Assert.True(decision.Score < control.Score * 0.7, $"{sibling}: {decision.Score} vs {own}: {control.Score}");
    }

    [Fact]
    public async Task APartOfTheFaqsProductIsTheProduct()
    {
        using var folder = TeaShop();
        var router = await folder.RouterAsync();
        // 水壶 is inside 电热水壶: the shopper shortened the name, they did not name another product.
        var (decision, candidates) = router.Explain("水壶会自动断电吗", RoutingContext.FirstMessage);
        Assert.Equal(Route.Answer, decision.Route);
        Assert.Equal("products/kettle/auto-off", decision.FaqId);
        Assert.Equal(1, candidates[0].Penalty);
    }
}
