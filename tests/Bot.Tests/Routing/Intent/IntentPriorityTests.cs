using ChatSupport.Bot.Routing;
using ChatSupport.Bot.Tests.Knowledge;
using ChatSupport.HandoffContract;

namespace ChatSupport.Bot.Tests.Routing.Intent;

/// <summary>Where the explicit priority must hold, and where a single trigger word must not override meaning.</summary>
public class IntentPriorityTests
{
    private static readonly RoutingContext First = RoutingContext.FirstMessage;

    [Theory]
    [InlineData("转人工")]
    [InlineData("转人攻")]
    [InlineData("砖人工")]
    [InlineData("轉人公啦")]
    [InlineData("有没有人工客服")]
    [InlineData("别让机器人回了 积木少了两块 给我转人工")]
    [InlineData("可以发顺丰吗 算了 你帮我叫个真人来")]
    [InlineData("唔該幫我轉真人")]
    [InlineData("我找上午接待我的那位客服")]
    [InlineData("转仁工 台灯不亮")]
    public async Task ARequestForAPersonIsNeverAnsweredWithAnFaq(string text) =>
        await AssertHandoff(text, HandoffReason.Human);

    [Theory]
    [InlineData("我要投诉")]
    [InlineData("态度太差了 我要找消协")]
    [InlineData("你们这是欺诈")]
    [InlineData("我要檢舉你們")]
    [InlineData("发什么快递 问了三次都没人理我")]
    [InlineData("客服一下午都不回我消息")]
    [InlineData("你們根本是在呃錢")]
    public async Task AComplaintIsNeverAnsweredWithAnFaq(string text) =>
        await AssertHandoff(text, HandoffReason.Complaint);

    [Theory]
    [InlineData("杯子不保温了")]
    [InlineData("才用一个月就充不上电")]
    [InlineData("机器有烧焦的味道")]
    [InlineData("到手就有个凹痕")]
    [InlineData("茶壶盖子合不上")]
    [InlineData("咨询订单号：2301928374651 商品ID：6712\n少一件")]
    [InlineData("台灯收到第二天就不亮了")]
    [InlineData("我要推货 不合适")]
    public async Task TheShoppersOwnBrokenOrMissingItemIsAfterSales(string text) =>
        await AssertHandoff(text, HandoffReason.AfterSales);

    [Theory]
    [InlineData("茶杯拍多了 还有两盒没拆 能退吗")]
    [InlineData("茶壶还在保修期 壶嘴一直往下滴水 怎么寄修")]
    [InlineData("照说明书开壶开了三遍 茶壶泡出来还是一股土味")]
    [InlineData("这批茶叶泡出来发苦 以前买的从来没这样")]
    [InlineData("茶饼上的溯源码扫了显示不存在")]
    public async Task TheShoppersOwnCaseWithoutAFaultWordIsAfterSales(string text) =>
        await AssertHandoff(text, HandoffReason.AfterSales);

    [Theory]
    [InlineData("让你们主管来回个话")]
    [InlineData("找一下客服阿芳 她知道我的单")]
    [InlineData("转给工号B12")]
    [InlineData("机器人先别回 茶壶盖子裂了 找个人")]
    [InlineData("我想跟客服小姐姐说 茶壶能装多少水")]
    public async Task APersonAskedForWithoutTheWordForOneIsHandedOver(string text) =>
        await AssertHandoff(text, HandoffReason.Human);

    [Theory]
    [InlineData("茶叶快喝完了 能发顺丰吗")]
    [InlineData("刚下的单还没发 收货地址得换一下")]
    [InlineData("紫砂壶是人工拉坯的还是机器做的")]
    [InlineData("有没有真人试色的图")]
    public async Task UrgencyAnOrderChangeOrAProductsMakingIsNotAHandoff(string text)
    {
        using var kb = new KnowledgeFolder();
        var decision = (await kb.RouterAsync()).Route(text, First);
        Assert.NotEqual(Route.Handoff, decision.Route);
    }

    [Theory]
    [InlineData("售后几点上班")]
    [InlineData("是正品吗")]
    [InlineData("氣炸鍋怎麼清洗")]
    [InlineData("发什么快递(移动端)")]
    [InlineData("收货地址能换成公司的吗")]
    public async Task ASingleTriggerWordDoesNotOverrideMeaning(string text)
    {
        using var kb = new KnowledgeFolder();
        var decision = (await kb.RouterAsync()).Route(text, First);
        Assert.NotEqual(Route.Handoff, decision.Route);
    }

    [Theory]
    [InlineData("你好")]
    [InlineData("谢谢 没事了")]
    [InlineData("今天股市怎么样")]
    [InlineData("兼职刷单 日结300 加v")]
    public async Task GreetingsChitChatAndSpamFallBack(string text)
    {
        using var kb = new KnowledgeFolder();
        Assert.Equal(Route.Fallback, (await kb.RouterAsync()).Route(text, First).Route);
    }

    [Fact]
    public async Task AClearFaqQuestionInsideChitChatIsStillAnswered()
    {
        using var kb = new KnowledgeFolder();
        var decision = (await kb.RouterAsync()).Route("哈哈 今天心情好 你们发什么快递", First);
        Assert.Equal(Route.Answer, decision.Route);
        Assert.Equal("shipping/courier", decision.FaqId);
    }

    private static async Task AssertHandoff(string text, HandoffReason reason)
    {
        using var kb = new KnowledgeFolder();
        var decision = (await kb.RouterAsync()).Route(text, First);
        Assert.True(decision.Route == Route.Handoff, $"{text}: {decision.Route} ({decision.Explanation})");
        Assert.Equal(reason, decision.Reason);
    }
}
