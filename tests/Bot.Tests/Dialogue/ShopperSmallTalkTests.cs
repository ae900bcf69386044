using ChatSupport.Bot.Dialogue;
using ChatSupport.Bot.Routing.Intent;

namespace ChatSupport.Bot.Tests.Dialogue;

public class ShopperSmallTalkTests
{
    [Theory]
    [InlineData("谢谢", SmallTalkKind.Thanks)]
    [InlineData("好的 谢谢亲！", SmallTalkKind.Thanks)]
    [InlineData("謝謝", SmallTalkKind.Thanks)]
    [InlineData("多謝晒", SmallTalkKind.Thanks)]
    [InlineData("好的", SmallTalkKind.Acknowledgement)]
    [InlineData("好的好的", SmallTalkKind.Acknowledgement)]
    [InlineData("嗯嗯～", SmallTalkKind.Acknowledgement)]
    [InlineData("OK", SmallTalkKind.Acknowledgement)]
    [InlineData("收到", SmallTalkKind.Acknowledgement)]
    [InlineData("好嘅", SmallTalkKind.Acknowledgement)]
    [InlineData("👌", SmallTalkKind.Acknowledgement)]
    [InlineData("在吗", SmallTalkKind.PresenceCheck)]
    [InlineData("在嗎 在嗎", SmallTalkKind.PresenceCheck)]
    [InlineData("有人吗", SmallTalkKind.PresenceCheck)]
    [InlineData("？", SmallTalkKind.Puzzled)]
    [InlineData("？？？", SmallTalkKind.Puzzled)]
    public void RecognisesTheWholeMessageAsSmallTalk(string text, SmallTalkKind kind) =>
        Assert.Equal(kind, ShopperSmallTalk.Classify(text));

    [Theory]
    [InlineData("好的 那几天能到")]
    [InlineData("谢谢 我要退货")]
    [InlineData("在吗 转人工")]
    [InlineData("好评")]
    [InlineData("少一件")]
    [InlineData("可以开发票吗")]
    [InlineData("")]
    public void AMessageThatAsksSomethingIsNotSmallTalk(string text) =>
        Assert.Equal(SmallTalkKind.None, ShopperSmallTalk.Classify(text));

    [Fact]
    public void RepliesArePoliteAndOfferAWayForward()
    {
        foreach (var kind in Enum.GetValues<SmallTalkKind>().Where(k => k != SmallTalkKind.None))
        foreach (var last in new[] { null, "answer", "clarify", "fallback" })
        {
            var reply = ShopperSmallTalk.ReplyTo(kind, last);
            Assert.NotEmpty(reply);
            Assert.DoesNotContain("不知道", reply);
            Assert.DoesNotContain("不行", reply);
            Assert.DoesNotContain("不可以", reply);
        }
        Assert.Contains("上面的选项", ShopperSmallTalk.ReplyTo(SmallTalkKind.Acknowledgement, "clarify"));
    }
}
