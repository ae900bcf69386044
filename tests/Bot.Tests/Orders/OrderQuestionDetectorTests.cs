using ChatSupport.Bot.Orders.Answers;

namespace ChatSupport.Bot.Tests.Orders;

public sealed class OrderQuestionDetectorTests
{
    private readonly OrderQuestionDetector _detector = new();

    [Theory]
    [InlineData("我的快递到哪了")]
    [InlineData("包裹现在在哪儿？")]
    [InlineData("我买的锅走到哪里了")]
    [InlineData("发货了吗")]
    [InlineData("请问我的订单发出去了没")]
    [InlineData("怎么还不发货啊")]
    [InlineData("什么时候能到")]
    [InlineData("东西啥时候送到")]
    [InlineData("物流怎么不动了")]
    [InlineData("快递三天都没更新了")]
    [InlineData("物流信息一直显示在武汉")]
    [InlineData("帮我查一下物流")]
    [InlineData("运单号是多少")]
    [InlineData("怎么还没收到")]
    [InlineData("我的包裹怎么样了")]
    [InlineData("我的快递几天能到")]
    [InlineData("我的快遞到哪了")]
    [InlineData("發貨了嗎")]
    [InlineData("物流怎麼不動了")]
    [InlineData("甚麼時候能到")]
    [InlineData("包裹現在在哪裡")]
    public void AsksAboutTheirOwnParcel(string text) => Assert.True(_detector.IsOwnParcelQuestion(text), text);

    [Theory]
    [InlineData("一般几天发货")]
    [InlineData("下单后多久能到")]
    [InlineData("你们用什么快递")]
    [InlineData("运费怎么算")]
    [InlineData("包邮吗")]
    [InlineData("几天能到")]
    [InlineData("可以退货吗")]
    [InlineData("水壶收到就漏水，我要换一个")]
    [InlineData("你好")]
    [InlineData("转人工")]
    [InlineData("")]
    [InlineData("通常幾天發貨")]
    public void DoesNotTakeGeneralQuestionsOrOtherTopics(string text) => Assert.False(_detector.IsOwnParcelQuestion(text), text);
}
