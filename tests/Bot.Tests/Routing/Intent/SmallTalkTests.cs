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

    [Theory]
    [InlineData("客服在吗")]
    [InlineData("客服人呢")]
    [InlineData("老板在不在")]
    [InlineData("有冇人")]
    [InlineData("客服在嗎？")]
    public void APresenceCheckAddressedToTheStoreIsSmallTalk(string text) => Assert.Equal(SmallTalkKind.PresenceCheck, SmallTalk.Classify(text));

    [Theory]
    [InlineData("人工在吗")]
    [InlineData("客服在吗 我要退货")]
    [InlineData("客服几点上班")]
    [InlineData("人呢 人呢 人呢")]
    public void ARequestOrAQuestionAfterTheAddressIsNotSmallTalk(string text) => Assert.Equal(SmallTalkKind.None, SmallTalk.Classify(text));
}
