using ChatSupport.Bot.Dialogue.Intake;
using ChatSupport.Bot.Orders.Connector;
using ChatSupport.Bot.Protocol;
using ChatSupport.HandoffContract;

namespace ChatSupport.Bot.Tests.Dialogue;

/// <summary>The intake's decisions (IntakeSteps) and what the flow reads from a message (order numbers, photos, visible problems).</summary>
public sealed class IntakeStepsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly IntakePhoto Photo = new("leak.jpg", "image/jpeg", "https://bot.example/files/c1/leak.jpg?sig=abc", null);

    private static IntakeState Start(string problem, bool photoNeeded, string? orderId = null, params IntakePhoto[] photos) =>
        new() { Problem = problem, PhotoNeeded = photoNeeded, OrderId = orderId, Photos = [.. photos] };

    private static IntakeReply Says(string text, string? orderId = null, bool skip = false, HandoffReason? interrupt = null, params IntakePhoto[] photos) =>
        new(text, photos, skip, interrupt, orderId, OrderVerified: false);

    [Fact]
    public void AVisibleProblemWithoutAnOrderAsksForTheOrderThenThePhotoThenHandsOverComplete()
    {
        var state = Start("水壶收到就漏水，我要换一个", photoNeeded: true);
        Assert.Equal(IntakeStep.Order, IntakeSteps.Begin(state).Ask);

        state = IntakeSteps.Asked(state, IntakeStep.Order, Now);
        var (afterOrder, next) = IntakeSteps.Reply(state, Says("2026112200123456", orderId: "2026112200123456"));
        Assert.Equal(IntakeStep.Photo, next.Ask);
        Assert.Equal("2026112200123456", afterOrder.OrderId);
        Assert.Equal("水壶收到就漏水，我要换一个", afterOrder.Problem); // a bare number adds nothing to the problem

        afterOrder = IntakeSteps.Asked(afterOrder, IntakeStep.Photo, Now);
        var (done, end) = IntakeSteps.Reply(afterOrder, Says("", photos: Photo));
        Assert.Null(end.Ask);
        Assert.Equal(IntakeOutcomes.Complete, end.Outcome);
        Assert.Equal([Photo], done.Photos);
    }

    [Fact]
    public void NothingMissingHandsOverAtOnceWithoutAPrompt()
    {
        var next = IntakeSteps.Begin(Start("外壳摔裂了 订单 DM20261001", photoNeeded: true, orderId: "DM20261001", Photo));
        Assert.Null(next.Ask);
        Assert.Equal(IntakeOutcomes.Complete, next.Outcome);
    }

    [Fact]
    public void AProblemAPhotoWouldNotShowIsNotAskedForOne()
    {
        var state = IntakeSteps.Asked(Start("我要退货", photoNeeded: false), IntakeStep.Order, Now);
        var (_, next) = IntakeSteps.Reply(state, Says("DM20261001", orderId: "DM20261001"));
        Assert.Null(next.Ask);
        Assert.Equal(IntakeOutcomes.Complete, next.Outcome);
    }

    [Fact]
    public void SkippingTheFirstPromptHandsOverAtOnceWithoutTheSecond()
    {
        var state = IntakeSteps.Asked(Start("杯子碎了", photoNeeded: true), IntakeStep.Order, Now);
        var (_, next) = IntakeSteps.Reply(state, Says(IntakeWording.Skip, skip: true));
        Assert.Null(next.Ask);
        Assert.Equal(IntakeOutcomes.Skipped, next.Outcome);
    }

    [Fact]
    public void AnAnswerThatIsNotOneIsAddedToTheProblemAndHandsOverAfterThatOnePrompt()
    {
        var state = IntakeSteps.Asked(Start("杯子碎了", photoNeeded: true), IntakeStep.Order, Now);
        var (after, next) = IntakeSteps.Reply(state, Says("昨天下午收到的，盒子也压扁了"));
        Assert.Null(next.Ask);
        Assert.Equal(IntakeOutcomes.Skipped, next.Outcome);
        Assert.Equal("杯子碎了\n昨天下午收到的，盒子也压扁了", after.Problem);
        // Asked once: a later look at what is missing does not ask the order again.
        Assert.Null(IntakeSteps.NextMissing(after with { PhotoNeeded = false }));
    }

    [Fact]
    public void APhotoSentInsteadOfTheOrderIsKeptAndNotAskedForAgain()
    {
        var state = IntakeSteps.Asked(Start("锅底变形了", photoNeeded: true), IntakeStep.Order, Now);
        var (after, next) = IntakeSteps.Reply(state, Says("", photos: Photo));
        Assert.Equal(IntakeOutcomes.Skipped, next.Outcome);
        Assert.Equal([Photo], after.Photos);
    }

    [Fact]
    public void AComplaintDuringTheIntakeHandsOverAtOnceForThatReason()
    {
        var state = IntakeSteps.Asked(Start("杯子碎了", photoNeeded: true), IntakeStep.Photo, Now);
        var (after, next) = IntakeSteps.Reply(state, Says("你们怎么做事的，我要投诉", interrupt: HandoffReason.Complaint));
        Assert.Equal(IntakeOutcomes.Interrupted, next.Outcome);
        Assert.Equal(HandoffReason.Complaint, next.Reason);
        Assert.Contains("我要投诉", after.Problem);
    }

    [Fact]
    public void AskingForAPersonDuringTheIntakeIsASkipThatKeepsTheAfterSalesReason()
    {
        var state = IntakeSteps.Asked(Start("杯子碎了", photoNeeded: true), IntakeStep.Order, Now);
        var (after, next) = IntakeSteps.Reply(state, Says("转人工", interrupt: HandoffReason.Human));
        Assert.Equal(IntakeOutcomes.Skipped, next.Outcome);
        Assert.Null(next.Reason);
        Assert.Equal("杯子碎了", after.Problem);
    }

    [Fact]
    public void AnAnonymousShoppersTypedOrderNumberIsTakenUnverifiedAndAPhoneNumberIsNot()
    {
        Assert.Equal(("2026112200123456", false), AfterSalesIntake.OrderIn("订单号 2026112200123456", own: null));
        Assert.Equal(("DM20261001", false), AfterSalesIntake.OrderIn("dm20261001", own: null));
        Assert.Equal((null, false), AfterSalesIntake.OrderIn("电话 13812345678", own: null));
        Assert.Equal((null, false), AfterSalesIntake.OrderIn("水壶漏水", own: null));
    }

    [Fact]
    public void ASignedInShoppersOwnOrderInTheTextIsVerified()
    {
        var own = new[]
        {
            new StoreOrder("DM20260918", "demo-lilei", Now, OrderStatuses.Delivered, [new OrderItem("电热水壶 1.7L", 1, 159m)], 159m, "CNY", null, null, []),
        };
        Assert.Equal(("DM20260918", true), AfterSalesIntake.OrderIn("DM20260918 电热水壶 1.7L", own));
        Assert.Equal(("DM99999999", false), AfterSalesIntake.OrderIn("DM99999999", own));
    }

    [Theory]
    [InlineData("水壶收到就漏水", true)]
    [InlineData("外壳摔裂了", true)]
    [InlineData("發錯顏色了", true)] // traditional
    [InlineData("收到的杯子碎了", true)]
    [InlineData("我要退货，不想要了", false)]
    [InlineData("七天无理由能退吗", false)]
    public void APhotoIsAskedForWhenTheProblemIsVisible(string text, bool visible) =>
        Assert.Equal(visible, AfterSalesIntake.IsVisibleProblem(text));

    [Fact]
    public void AttachmentsOnTheActivityCountAsPhotosButOnlyWithWebAddresses()
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Attachments =
            [
                new Attachment { ContentType = "image/jpeg", Name = "a.jpg", ContentUrl = "https://bot.example/v3/attachments/a?sig=1", ThumbnailUrl = "https://bot.example/v3/attachments/a/thumb?sig=1" },
                new Attachment { ContentType = "image/png", Name = "b.png", ContentUrl = "/v3/directline/attachments/b?sig=2" },
                new Attachment { ContentType = "image/png", Name = "evil.png", ContentUrl = "javascript:alert(1)" },
                new Attachment { ContentType = "image/png", Name = "inline.png", ContentUrl = "data:image/png;base64,AAAA" },
                new Attachment { ContentType = "image/png", Name = "other.png", ContentUrl = "//elsewhere.example/x.png" },
            ],
        };
        var photos = AfterSalesIntake.PhotosOf(activity);
        Assert.Equal(["a.jpg", "b.png"], photos.Select(p => p.Name));
        Assert.Equal("https://bot.example/v3/attachments/a/thumb?sig=1", photos[0].ThumbnailUrl);
    }

    [Fact]
    public void TheShopperIsToldWhatThePersonWillKnowAndNothingSaysNo()
    {
        var summary = new IntakeSummary
        {
            ConversationId = "c1", Reason = "after-sales", OrderId = "DM20260918", OrderVerified = true, Problem = "水壶收到就漏水",
            Photos = [Photo], Outcome = IntakeOutcomes.Complete,
            Order = new IntakeOrderCard("DM20260918", "delivered", "已签收", Now, [new IntakeOrderItem("电热水壶 1.7L", 1)], 159m, "CNY", "顺丰速运", "SF1", null),
        };
        var told = IntakeWording.Told(summary, stalled: false);
        Assert.Contains("DM20260918", told);
        Assert.Contains("电热水壶 1.7L", told);
        Assert.Contains("水壶收到就漏水", told);
        Assert.Contains("照片：1 张", told);
        var agent = IntakeWording.AgentText(summary);
        Assert.Contains("顾客原话：水壶收到就漏水", agent);
        foreach (var line in new[] { told, IntakeWording.Told(summary, stalled: true), IntakeWording.ChooseOrder, IntakeWording.TypeOrder, IntakeWording.AskPhoto, IntakeWording.Skip })
            foreach (var no in new[] { "不知道", "不行", "不可以" }) Assert.DoesNotContain(no, line);
    }
}
