using ChatSupport.Bot.Routing.Intent;

namespace ChatSupport.Bot.Tests.Routing.Intent;

public class SmallTalkTests
{
    [Theory]
    [InlineData("好喔", SmallTalkKind.Acknowledgement)]
    [InlineData("好哦 谢谢", SmallTalkKind.Thanks)]
    [InlineData("知道了喔", SmallTalkKind.Acknowledgement)]
    [InlineData("好咯 多謝", SmallTalkKind.Thanks)]
    public void AParticleAfterAnAcknowledgementAddsNothing(string text, SmallTalkKind kind) => Assert.Equal(kind, SmallTalk.Classify(text));

    [Theory]
    [InlineData("好喔 那几号发货")]
    [InlineData("哦 要退货")]
    public void AParticleDoesNotHideAQuestion(string text) => Assert.Equal(SmallTalkKind.None, SmallTalk.Classify(text));
}
