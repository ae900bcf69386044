using ChatSupport.Bot.Routing;
using ChatSupport.Bot.Tests.Knowledge;
using ChatSupport.HandoffContract;

namespace ChatSupport.Bot.Tests.Routing;

public class MessageRouterTests
{
    private static readonly RoutingContext First = RoutingContext.FirstMessage;

    [Theory]
    [InlineData("发啥快递呀", "shipping/courier")]
    [InlineData("請問寄什麼快遞", "shipping/courier")]
    [InlineData("物流几天能到", "shipping/delivery")]
    [InlineData("紫砂壶能装多少水", "product/teapot-capacity")]
    [InlineData("茶壶用什么洗", "care/teapot-cleaning")]
    [InlineData("发票开公司抬头可以吗", "order/invoice")]
    public async Task AnswersParaphrasedQuestions(string text, string faqId)
    {
        using var kb = new KnowledgeFolder();
        var decision = (await kb.RouterAsync()).Route(text, First);
        Assert.Equal(Route.Answer, decision.Route);
        Assert.Equal(faqId, decision.FaqId);
        Assert.False(string.IsNullOrWhiteSpace(decision.AnswerMarkdown));
        Assert.InRange(decision.Score, 0, 1);
    }

    [Fact]
    public async Task AnswersAtTheThresholdAndClarifiesJustBelowIt()
    {
        using var kb = new KnowledgeFolder();
        var score = (await kb.RouterAsync()).Explain("茶壶容量", First).Candidates[0].Score;
        var at = await kb.RouterAsync(new RoutingOptions { AnswerThreshold = score, AnswerMargin = 0, ClarifyThreshold = 0.1 });
        Assert.Equal(Route.Answer, at.Route("茶壶容量", First).Route);
        var above = await kb.RouterAsync(new RoutingOptions { AnswerThreshold = Math.Min(1, score + 0.001), AnswerMargin = 0, ClarifyThreshold = 0.1 });
        var clarify = above.Route("茶壶容量", First);
        Assert.Equal(Route.Clarify, clarify.Route);
        Assert.Equal("product/teapot-capacity", clarify.Candidates[0].FaqId);
        Assert.InRange(clarify.Candidates.Count, 1, 3);
    }

    [Fact]
    public async Task ClarifiesWhenTwoFaqsAreClose()
    {
        using var kb = new KnowledgeFolder();
        // "茶壶" alone fits both teapot FAQs about equally.
        var decision = (await kb.RouterAsync(new RoutingOptions { AnswerMargin = 0.2 })).Route("茶壶", First);
        Assert.Equal(Route.Clarify, decision.Route);
        Assert.Contains(decision.Candidates, c => c.FaqId == "product/teapot-capacity");
        Assert.Contains(decision.Candidates, c => c.FaqId == "care/teapot-cleaning");
    }

    [Fact]
    public async Task FallsBackBelowTheClarifyThreshold()
    {
        using var kb = new KnowledgeFolder();
        var score = (await kb.RouterAsync()).Explain("茶壶容量", First).Candidates[0].Score;
        var router = await kb.RouterAsync(new RoutingOptions
        {
            AnswerThreshold = Math.Min(1, score + 0.01),
            ClarifyThreshold = Math.Min(1, score + 0.005),
            SuggestThreshold = Math.Min(1, score + 0.005),
        });
        var decision = router.Route("茶壶容量", First);
        Assert.Equal(Route.Fallback, decision.Route);
    }

    [Fact]
    public async Task OffersACleanWeakMatchInsteadOfFallingBack()
    {
        using var kb = new KnowledgeFolder();
        const string question = "这个茶壶容量够三个人用吗";
        var best = (await kb.RouterAsync()).Explain(question, First).Candidates[0];
        Assert.Equal(1.0, best.Penalty);
        Assert.InRange(best.Coverage, 0.1, 0.9);
        var below = new RoutingOptions
        {
            AnswerThreshold = Math.Min(1, best.Score + 0.01),
            ClarifyThreshold = Math.Min(1, best.Score + 0.01),
            SuggestThreshold = best.Score - 0.01,
            SuggestMinCoverage = best.Coverage - 0.01,
        };
        var suggestion = (await kb.RouterAsync(below)).Route(question, First);
        Assert.Equal(Route.Clarify, suggestion.Route);
        Assert.Equal("product/teapot-capacity", suggestion.Candidates[0].FaqId);

        // The same score with too little of the message explained is not offered.
        below.SuggestMinCoverage = best.Coverage + 0.01;
        Assert.Equal(Route.Fallback, (await kb.RouterAsync(below)).Route(question, First).Route);
    }

    [Fact]
    public async Task ACloseCallBetweenFaqsThatOnlyShareTheProductFallsBack()
    {
        using var kb = new KnowledgeFolder();
        kb.Write("product/teapot-gift.md", KnowledgeFolder.Faq("茶壶有礼盒吗？", ["送人有包装吗"], ["茶壶", "礼盒"], "每把茶壶都配礼盒。"));
        // Thresholds low enough that the three teapot FAQs are all "close" for any teapot message.
        var router = await kb.RouterAsync(new RoutingOptions { ClarifyThreshold = 0.1, SuggestThreshold = 0.1, AnswerMargin = 0.5 });

        // 茶壶 + something no teapot FAQ covers: every close candidate matched only on 茶壶.
        Assert.All(router.Explain("茶壶可以刻字吗", First).Candidates.Take(3), c =>
        {
            Assert.InRange(c.Score, 0.1, 1);
            Assert.Equal(0, c.TopicCoverage);
        });
        Assert.Equal(Route.Fallback, router.Route("茶壶可以刻字吗", First).Route);

        // 茶壶 alone is a genuine "which one did you mean".
        Assert.Equal(Route.Clarify, router.Route("茶壶", First).Route);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("😀😀😀")]
    [InlineData("在吗")]
    [InlineData("3901928374651029384")]
    [InlineData("今天股市怎么样")]
    [InlineData("asdfghjkl")]
    [InlineData("加微信领优惠券 发票代开")]
    [InlineData("我在京东买的茶壶怎么开发票")]
    [InlineData("你们招聘客服吗 我想应聘")]
    public async Task GreetingsNoiseSpamAndOtherTopicsFallBack(string text)
    {
        using var kb = new KnowledgeFolder();
        var decision = (await kb.RouterAsync()).Route(text, First);
        Assert.Equal(Route.Fallback, decision.Route);
    }

    [Fact]
    public async Task HugeAndHtmlMessagesGetASensibleDecision()
    {
        using var kb = new KnowledgeFolder();
        var router = await kb.RouterAsync();
        Assert.Equal("shipping/courier", router.Route("发什么快递" + new string('好', 10_000), First).FaqId);
        Assert.Equal("order/invoice", router.Route("<script>alert('x')</script>可以开发票吗", First).FaqId);
        Assert.NotEqual(Route.Answer, router.Route("<img src=x onerror=alert(1)>", First).Route);
    }

    [Theory]
    [InlineData("快递太慢了我要投诉", HandoffReason.Complaint)]
    [InlineData("发票一直不给开 差评警告", HandoffReason.Complaint)]
    [InlineData("转人工", HandoffReason.Human)]
    [InlineData("我要退货 订单号3901928374651029384", HandoffReason.AfterSales)]
    [InlineData("茶壶收到就裂了", HandoffReason.AfterSales)]
    public async Task HandsOverWithTheReasonEvenWhenAnFaqTopicIsNamed(string text, HandoffReason reason)
    {
        using var kb = new KnowledgeFolder();
        var decision = (await kb.RouterAsync()).Route(text, First);
        Assert.Equal(Route.Handoff, decision.Route);
        Assert.Equal(reason, decision.Reason);
    }

    [Fact]
    public async Task SecondConsecutiveFallbackHandsOverToAPerson()
    {
        using var kb = new KnowledgeFolder();
        var router = await kb.RouterAsync();
        Assert.Equal(Route.Fallback, router.Route("今天股市怎么样", new RoutingContext(0)).Route);
        var second = router.Route("今天股市怎么样", new RoutingContext(1));
        Assert.Equal(Route.Handoff, second.Route);
        Assert.Equal(HandoffReason.Human, second.Reason);
        Assert.Equal(EscalationTrigger.RepeatedFallback, second.Trigger);
        Assert.Equal(Route.Answer, router.Route("发什么快递", new RoutingContext(1)).Route);
    }

    [Fact]
    public async Task EmptyKnowledgeFallsBackForEveryQuestion()
    {
        using var kb = new KnowledgeFolder(withSampleFaqs: false);
        var router = await kb.RouterAsync();
        Assert.Equal(Route.Fallback, router.Route("发什么快递", First).Route);
        Assert.Empty(router.QuickTopics(3));
    }

    [Fact]
    public async Task QuickTopicsPreferMostAnsweredThenVariedCategories()
    {
        using var kb = new KnowledgeFolder();
        var router = await kb.RouterAsync();
        var initial = router.QuickTopics(4);
        Assert.Equal(4, initial.Count);
        Assert.Equal(4, initial.Select(t => t.FaqId.Split('/')[0]).Distinct().Count());
        router.Route("茶壶怎么清洗", First);
        router.Route("紫砂壶能用洗洁精吗", First);
        Assert.Equal("care/teapot-cleaning", router.QuickTopics(3)[0].FaqId);
    }

    [Fact]
    public async Task OnlyRoutedAnswersCountTowardsTheMostAskedTopics()
    {
        using var kb = new KnowledgeFolder();
        var router = await kb.RouterAsync();
        var before = router.QuickTopics(6).Select(t => t.FaqId).ToList();
        Assert.NotEqual("order/invoice", before[0]);

        // Previews (start-up warm-up, checks on a survey reply) and the admin "test a question" are not shoppers asking.
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(Route.Answer, router.Preview("可以开发票吗", First).Route);
            router.Explain("可以开发票吗", First);
        }
        Assert.Equal(before, router.QuickTopics(6).Select(t => t.FaqId).ToList());

        router.Route("可以开发票吗", First);
        Assert.Equal("order/invoice", router.QuickTopics(6)[0].FaqId);
    }

    [Fact]
    public void WordingIsPoliteAndNeverRefuses()
    {
        foreach (var text in new[] { ReplyWording.Clarify, ReplyWording.SingleSuggestion, ReplyWording.Fallback, ReplyWording.Greeting, ReplyWording.EmptyMessage, ReplyWording.RepeatedFallbackHandoff })
        {
            Assert.DoesNotContain("不知道", text);
            Assert.DoesNotContain("不行", text);
            Assert.DoesNotContain("不可以", text);
        }
        Assert.Contains("人工", ReplyWording.Fallback);
    }

    [Fact]
    public void ASingleSuggestionIsAskedAsAQuestionNamingTheFaq()
    {
        var one = new RoutingDecision(Route.Clarify, 0.25) { Candidates = [new RouteCandidate("care/teapot-cleaning", "茶壶怎么清洗？", 0.25)] };
        var text = ReplyWording.For(one);
        Assert.Contains("茶壶怎么清洗？", text);
        Assert.Contains("人工", text);
        var two = one with { Candidates = [.. one.Candidates, new RouteCandidate("product/teapot-capacity", "茶壶容量是多少？", 0.24)] };
        Assert.Equal(ReplyWording.Clarify, ReplyWording.For(two));
    }
}
