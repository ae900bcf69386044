using ChatSupport.HandoffDashboard.CannedReplies;
using ChatSupport.HandoffDashboard.CannedReplies.Pinyin;

namespace ChatSupport.HandoffDashboard.Tests.CannedReplies;

public sealed class CannedReplySearchTests
{
    private static CannedReply Reply(string id, string title, string text, string? shortcut = null, long usage = 0, int order = 0,
        CannedReplyScope scope = CannedReplyScope.Team, string? owner = null) =>
        new CannedReply(id, scope, owner, CannedReplyKind.Reply, title, text, "售后", shortcut, order, DateTimeOffset.UnixEpoch) { UsageCount = usage };

    private static IReadOnlyList<string> Ids(IEnumerable<CannedReply> replies, string query, string user = "agent-a") =>
        CannedReplySearch.Search(replies.Select(r => new IndexedReply(r)), user, query, 20).Select(h => h.Reply.Id).ToList();

    [Theory]
    [InlineData("退款流程", "tklc")]
    [InlineData("發貨", "fh")]
    [InlineData("7天无理由退货", "7twlyth")]
    [InlineData("Hello, 物流!", "hellowl")]
    public void PinyinInitialsComeFromTheGeneratedTable(string text, string expected) =>
        Assert.Equal(expected, PinyinInitials.Of(text));

    [Fact]
    public void PinyinInitialsFindAChineseTitle()
    {
        var replies = new[] { Reply("refund", "退款流程", "在订单页申请退款"), Reply("ship", "发货时间", "48 小时内发货") };

        Assert.Equal(["refund"], Ids(replies, "tk"));
        Assert.Equal(["refund"], Ids(replies, "/tk"));
        Assert.Equal(["ship"], Ids(replies, "fhsj"));
    }

    [Fact]
    public void MatchesShortcutTitleAndText()
    {
        var replies = new[]
        {
            Reply("by-shortcut", "甲", "一", shortcut: "/wl"),
            Reply("by-title", "物流查询", "二"),
            Reply("by-text", "丙", "您的物流已更新"),
            Reply("none", "丁", "三"),
        };

        // "/wl" is also the pinyin initials of 物流, so the title matches after the shortcut (a text only from 3 letters on).
        Assert.Equal(["by-shortcut", "by-title"], Ids(replies, "/wl"));
        Assert.Equal(["by-title", "by-text"], Ids(replies, "物流"));
        Assert.Equal(["by-text"], Ids(replies, "已更新"));
    }

    [Fact]
    public void MostUsedComeFirstAmongMatchesButAnExactShortcutLeads()
    {
        var replies = new[]
        {
            Reply("rarely", "退款说明", "退款", shortcut: "/tk", usage: 1),
            Reply("often", "退款进度", "退款", shortcut: "/tkjd", usage: 50),
            Reply("sometimes", "退款到账", "退款", usage: 10),
        };

        Assert.Equal(["often", "sometimes", "rarely"], Ids(replies, "退款"));
        // 退款到账 matches /tk by its initials (tkdz): ranked by usage after the exact shortcut.
        Assert.Equal(["rarely", "often", "sometimes"], Ids(replies, "/tk"));
    }

    [Fact]
    public void EqualUsageFallsBackToCloserMatchThenManualOrder()
    {
        var replies = new[]
        {
            Reply("text-match", "甲", "关于退款", order: 1),
            Reply("title-second", "退款二", "x", order: 3),
            Reply("title-first", "退款一", "x", order: 2),
        };

        Assert.Equal(["title-first", "title-second", "text-match"], Ids(replies, "退款"));
    }

    [Fact]
    public void AnotherAgentsPersonalPhrasesAreNotFound()
    {
        var replies = new[]
        {
            Reply("mine", "退款我的", "x", scope: CannedReplyScope.Personal, owner: "agent-a"),
            Reply("theirs", "退款他的", "x", scope: CannedReplyScope.Personal, owner: "agent-b"),
            Reply("team", "退款团队", "x"),
        };

        Assert.Equal(["mine", "team"], Ids(replies, "退款").Order().ToList());
        Assert.Equal(["team", "theirs"], Ids(replies, "退款", user: "agent-b").Order().ToList());
    }

    [Fact]
    public void ATraditionalQueryFindsTheSimplifiedTitleBySound()
    {
        var replies = new[] { Reply("ship", "催发货", "x"), Reply("other", "物流", "y") };

        Assert.Equal(["ship"], Ids(replies, "發貨"));
    }

    [Fact]
    public void TwoLetterCodesDoNotMatchInitialsInsideLongTexts()
    {
        var replies = new[] { Reply("closing", "结束语", "请问还有其他可以帮您的吗"), Reply("refund", "退款流程", "x") };

        Assert.Equal(["refund"], Ids(replies, "tk"));
        Assert.Equal(["closing"], Ids(replies, "qwhy"));
    }

    [Fact]
    public void EmptyQueryListsEverythingVisibleMostUsedFirst()
    {
        var replies = new[] { Reply("a", "甲", "x", usage: 1), Reply("b", "乙", "y", usage: 5) };
        Assert.Equal(["b", "a"], Ids(replies, ""));
    }
}
