using ChatSupport.Bot.Routing;
using ChatSupport.Bot.Tests.Knowledge;
using ChatSupport.HandoffContract;

namespace ChatSupport.Bot.Tests.Routing;

/// <summary>
/// Marketplace messages that need no person (a bare ping, a return or price-drop policy asked as a hypothesis, an order
/// card before a status question) and their near opposites (a ping with a request, the shopper's own case after a card,
/// a concrete price-difference claim), through the whole router on a small store.
/// </summary>
public class PingPolicyAndOrderCardRoutingTests
{
    private static readonly RoutingContext First = RoutingContext.FirstMessage;
    private const string OrderCard = "咨询订单号：7301928475560213 商品ID：20931 订单金额：268.00 下单时间：2026-11-30 18:02:11 ";

    private static KnowledgeFolder Store()
    {
        var kb = new KnowledgeFolder();
        kb.Write("order/price-protection.md", KnowledgeFolder.Faq("买完降价了能补差价吗？", ["有价保吗", "降价退差价吗"], ["价保", "补差价", "降价"], "付款后 7 天内店铺降价的，联系客服核实后退差价。"));
        kb.Write("shipping/dispatch.md", KnowledgeFolder.Faq("付款后多久发货？", ["什么时候发货", "今天能发吗"], ["发货时间", "当天发"], "16 点前付款当天发出，之后次日发出。"));
        return kb;
    }

    [Theory]
    [InlineData("人呢")]
    [InlineData("客服人呢")]
    [InlineData("人呢？")]
    [InlineData("在不在啊")]
    public async Task ABarePingFallsBackPolitelyAndIsNotHandedOver(string text)
    {
        using var kb = Store();
        var decision = (await kb.RouterAsync()).Route(text, First);
        Assert.Equal(Route.Fallback, decision.Route);
    }

    [Theory]
    [InlineData("人呢 帮忙转个人工")]
    [InlineData("在吗 我要找真人客服")]
    public async Task APingWithARequestForAPersonIsHandedOver(string text)
    {
        using var kb = Store();
        var decision = (await kb.RouterAsync()).Route(text, First);
        Assert.Equal(Route.Handoff, decision.Route);
        Assert.Equal(HandoffReason.Human, decision.Reason);
    }

    [Theory]
    [InlineData("要是收到的茶壶有裂纹 能退换吗", "policy/returns")]
    [InlineData("如果过几天降价了 你们给补差价吗", "order/price-protection")]
    public async Task AHypotheticalPolicyQuestionIsAnsweredNotHandedOver(string text, string faqId)
    {
        using var kb = Store();
        var decision = (await kb.RouterAsync()).Route(text, First);
        Assert.NotEqual(Route.Handoff, decision.Route);
        Assert.Equal(Route.Answer, decision.Route);
        Assert.Equal(faqId, decision.FaqId);
    }

    [Fact]
    public async Task TheShoppersOwnPriceDropWithAnOrderIsAnAfterSalesCase()
    {
        using var kb = Store();
        var decision = (await kb.RouterAsync()).Route("我前天买的今天降了20块 订单号4410293857716620 帮我退下差价", First);
        Assert.Equal(Route.Handoff, decision.Route);
        Assert.Equal(HandoffReason.AfterSales, decision.Reason);
    }

    [Fact]
    public async Task AnOrderCardBeforeADispatchQuestionIsAnswered()
    {
        using var kb = Store();
        var decision = (await kb.RouterAsync()).Route(OrderCard + "付完款了 什么时候发货", First);
        Assert.Equal(Route.Answer, decision.Route);
        Assert.Equal("shipping/dispatch", decision.FaqId);
    }

    [Fact]
    public async Task AnOrderCardBeforeTheShoppersOwnDamageIsHandedOver()
    {
        using var kb = Store();
        var decision = (await kb.RouterAsync()).Route(OrderCard + "收到壶盖碎成两半了", First);
        Assert.Equal(Route.Handoff, decision.Route);
        Assert.Equal(HandoffReason.AfterSales, decision.Reason);
    }
}
