using ChatSupport.HandoffDashboard.CannedReplies;
using ChatSupport.HandoffDashboard.PhraseCheck;

namespace ChatSupport.HandoffDashboard.Tests.PhraseCheck;

public sealed class PhraseCheckerTests
{
    private static readonly IReadOnlyList<ForbiddenPhrase> Defaults = DefaultForbiddenPhrases.All;

    private static CannedReply Reply(string id, string category, string title, string text, long usage = 0) =>
        new CannedReply(id, CannedReplyScope.Team, null, CannedReplyKind.Reply, title, text, category, null, 1, DateTimeOffset.UnixEpoch) { UsageCount = usage };

    [Theory]
    [InlineData("这个我不知道", "不知道")]
    [InlineData("不 知 道，你问别人", "不知道")]
    [InlineData("这事不归我管", "不归我管")]
    [InlineData("這事不歸我管", "不歸我管")]
    [InlineData("你自己看订单吧", "你自己看")]
    [InlineData("我也没办法", "没办法")]
    public void FindsAForbiddenPhraseInTheDraft(string draft, string expected) =>
        Assert.Contains(expected, PhraseChecker.Find(draft, Defaults).Select(h => h.Phrase));

    [Theory]
    [InlineData("您好，我马上帮您确认一下")]
    [InlineData("退款会在 24 小时内到账")]
    [InlineData("")]
    public void APoliteDraftIsClean(string draft) => Assert.Empty(PhraseChecker.Find(draft, Defaults));

    [Fact]
    public void ReportsHitsInTheOrderTheyAppearAndTheLongerOfOverlappingPhrases()
    {
        var phrases = Defaults.Append(new ForbiddenPhrase("我也没办法", PhraseSeverity.Forbidden, null, null)).ToList();

        var hits = PhraseChecker.Find("不行，我也没办法，你自己看", phrases).Select(h => h.Phrase).ToList();

        Assert.Equal(["不行", "我也没办法", "你自己看"], hits);
    }

    [Fact]
    public void OffersTheNearestPoliteReplyFromThePhrasesCategory()
    {
        var replies = new[]
        {
            Reply("comfort-refund", "安抚", "退款安抚", "非常理解您，退款的事我帮您跟进"),
            Reply("comfort-general", "安抚", "请您放心", "请您放心，我一直跟进", usage: 100),
            Reply("apology", "致歉", "退款致歉", "退款给您添麻烦了，抱歉"),
        };

        var outcome = PhraseChecker.Check("退款的事我不知道", Defaults, replies);

        Assert.False(outcome.Clean);
        Assert.Equal("comfort-refund", outcome.Suggestion?.Id);
    }

    [Fact]
    public void WithNoSimilarReplyTheMostUsedOfTheCategoryIsOffered()
    {
        var replies = new[]
        {
            Reply("a", "安抚", "甲", "请稍候", usage: 1),
            Reply("b", "安抚", "乙", "马上处理", usage: 9),
        };

        Assert.Equal("b", PhraseChecker.Check("不知道", Defaults, replies).Suggestion?.Id);
    }
}
