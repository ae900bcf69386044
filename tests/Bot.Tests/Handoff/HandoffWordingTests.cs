using ChatSupport.Bot.Handoff;

namespace ChatSupport.Bot.Tests.Handoff;

public sealed class HandoffWordingTests
{
    [Fact]
    public void TheFirstInLineIsToldTheyAreNextAndOthersHowManyAreAhead()
    {
        Assert.Contains("下一位就是您", HandoffWording.Queued("好的，", 1, 2));
        Assert.Contains("您前面还有 2 位", HandoffWording.Queued("好的，", 3, 6));
        Assert.Contains("下一位就是您", HandoffWording.Requeued(1));
        Assert.Contains("您前面还有 1 位", HandoffWording.Requeued(2));
    }

    [Fact]
    public void OutsideTheServiceHoursTheShopperIsToldWhenPeopleAreBackWithinThemThatEveryoneIsBusy()
    {
        var closed = HandoffWording.OfferLeaveMessage("每天 09:00-23:00", withinServiceHours: false);
        Assert.Contains("每天 09:00-23:00", closed);
        Assert.Contains("留言", closed);

        var busy = HandoffWording.OfferLeaveMessage("每天 09:00-23:00", withinServiceHours: true);
        Assert.Contains("在忙", busy);
        Assert.Contains("留言", busy);
        Assert.DoesNotContain("不在线", busy);
        Assert.DoesNotContain("休息时间", busy);
    }
}
