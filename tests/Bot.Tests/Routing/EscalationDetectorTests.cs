using ChatSupport.Bot.Knowledge.Normalization;
using ChatSupport.Bot.Routing;
using ChatSupport.HandoffContract;

namespace ChatSupport.Bot.Tests.Routing;

// Phrasings written for these tests (a tea-ware and a clothing shop), not taken from any evaluation set.
public class EscalationDetectorTests
{
    private static Escalation? Detect(string text) => EscalationDetector.Detect(ChineseNormalizer.Normalize(text));

    [Theory]
    [InlineData("你们这什么服务 我要投诉")]
    [InlineData("再不处理就去12315")]
    [InlineData("給你們負評")]
    [InlineData("卖假货的黑店")]
    [InlineData("问了好几次都没人处理")]
    [InlineData("要求赔偿损失")]
    [InlineData("物流慢得离谱 我要投诉快递")]
    public void DetectsComplaints(string text) => Assert.Equal(HandoffReason.Complaint, Detect(text)?.Reason);

    [Theory]
    [InlineData("气死我了")]
    [InlineData("真是无语了")]
    [InlineData("快被你们气炸了")]
    public void TreatsAngerAsAComplaint(string text)
    {
        var escalation = Detect(text);
        Assert.Equal(HandoffReason.Complaint, escalation?.Reason);
        Assert.Equal(EscalationTrigger.NegativeEmotion, escalation?.Trigger);
    }

    [Theory]
    [InlineData("人工客服")]
    [InlineData("帮我转接一下")]
    [InlineData("不要机器人 找个真人")]
    [InlineData("轉人工謝謝")]
    public void DetectsRequestsForAPerson(string text) => Assert.Equal(HandoffReason.Human, Detect(text)?.Reason);

    [Theory]
    [InlineData("人工客服几点上班")]
    [InlineData("周末有人工吗")]
    [InlineData("在吗")]
    public void AskingWhenPeopleAreAvailableIsNotARequest(string text) => Assert.Null(Detect(text));

    [Theory]
    [InlineData("收到的杯子碎了 裂了一条缝")]
    [InlineData("退款什么时候到")]
    [InlineData("少发了一个杯盖")]
    [InlineData("快递三天没动了")]
    [InlineData("衣服洗了一次就掉色")]
    [InlineData("这件我穿着太小了 想换大一码")]
    [InlineData("帮我取消订单")]
    [InlineData("我买的吸尘器用了半年 要保修")]
    [InlineData("我的水壶不加热了 想送修")]
    [InlineData("棉被才洗一次就全结块了 怎么拍都拍不开")]
    [InlineData("吸尘器用了没几次就没反应")]
    [InlineData("空气炸锅用了三天就不加热了")]
    [InlineData("收到的水壶壶嘴是歪的")]
    [InlineData("收到的鍋子底部有刮痕 可以換一個嗎")]
    [InlineData("我买的帐篷涂层起皮了 要是不能修怎么办")]
    public void DetectsAfterSalesCases(string text) => Assert.Equal(HandoffReason.AfterSales, Detect(text)?.Reason);

    [Theory]
    [InlineData("如果不合适可以退吗")]
    [InlineData("退货运费谁出")]
    [InlineData("支持七天无理由吗")]
    [InlineData("尺码不对能换吗")]
    [InlineData("茶壶怎么清洗")]
    [InlineData("商品保修多久")]
    [InlineData("怎么申请保修")]
    [InlineData("要是收货时发现破损了怎么处理")]
    [InlineData("空气炸锅能放锡纸吗")]
    [InlineData("羽绒服洗了以后结块怎么办")]
    [InlineData("空氣炸鍋要預熱嗎")]
    public void GeneralPolicyQuestionsAreNotCases(string text) => Assert.Null(Detect(text));

    [Theory]
    [InlineData("刚下的单 收货地址得换一下")]
    [InlineData("我想换成顺丰 加钱也行")]
    [InlineData("帮我把电话换成新的号码")]
    public void ChangingAnOrdersDetailsIsNotAnExchange(string text) => Assert.NotEqual(HandoffReason.AfterSales, Detect(text)?.Reason);

    [Fact]
    public void ExchangingTheGoodsStaysAnExchange() => Assert.Equal(HandoffReason.AfterSales, Detect("我的鞋子想换一双大一码的")?.Reason);

    [Theory]
    [InlineData("摔坏了保修期内管吗")]
    [InlineData("质量问题退货运费谁出")]
    public void APolicyQuestionThatNamesAFaultIsNotACase(string text) => Assert.Null(Detect(text));

    [Fact]
    public void TheShoppersOwnFaultWithAPolicyWordIsStillACase() =>
        Assert.Equal(HandoffReason.AfterSales, Detect("我的台灯坏了 保修期多久来着")?.Reason);

    [Theory]
    [InlineData("茶盘还在保修期 排水口一直往外渗")]
    [InlineData("電熱水壺保固還沒過 按鍵按下去會彈回來")]
    [InlineData("照说明书重置了三遍 智能茶炉还是不出水")]
    [InlineData("这批茶叶泡出来发苦 以前买的从来没这样")]
    [InlineData("盒子上的防伪码扫了显示不存在")]
    [InlineData("茶杯拍多了 还有两盒没拆 能退吗")]
    public void TheShoppersOwnCaseWithoutAFaultWordIsACase(string text) => Assert.Equal(HandoffReason.AfterSales, Detect(text)?.Reason);

    [Theory]
    [InlineData("如果还在保修期 寄修运费谁出")]
    [InlineData("防伪码扫出来显示已被查询是什么意思")]
    [InlineData("这批茶叶跟之前的是同一个产地吗")]
    public void APossibilityOrAGeneralQuestionAboutTheseIsNotACase(string text) => Assert.NotEqual(HandoffReason.AfterSales, Detect(text)?.Reason);

    [Theory]
    [InlineData("让你们主管来回个话")]
    [InlineData("我想跟客服小姐姐说")]
    [InlineData("你们负责人在吗")]
    [InlineData("麻烦找个负责团购的同事")]
    public void APersonAskedForWithoutTheWordForOneIsARequest(string text) => Assert.Equal(HandoffReason.Human, Detect(text)?.Reason);

    [Theory]
    [InlineData("有没有人工刺绣的款")]
    [InlineData("有没有真人手绘的茶杯")]
    [InlineData("有没有真人试色的图")]
    [InlineData("有没有人工香料")]
    public void HowAProductIsMadeIsNotARequestForAPerson(string text) => Assert.NotEqual(HandoffReason.Human, Detect(text)?.Reason);

    [Theory]
    [InlineData("收货地址得换一下 还没发货吧")]
    [InlineData("電話留錯了 幫我改一下")]
    public void ChangingAnOrdersDeliveryDetailsIsFoundAsSuch(string text) =>
        Assert.NotNull(EscalationDetector.DetectOrderDetailsChange(ChineseNormalizer.Normalize(text)));
}
