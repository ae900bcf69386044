using ChatSupport.HandoffDashboard.CannedReplies;

namespace ChatSupport.HandoffDashboard.Tests.CannedReplies;

/// <summary>
/// A full reload (after Redis comes back, or the periodic one) reads every reply while an agent may be saving one:
/// the saving instance's own refresh reaches the index first, and the older full read must not be put over it.
/// </summary>
public sealed class CannedReplyIndexReloadTests
{
    private static CannedReply Reply(string id, string title) =>
        new(id, CannedReplyScope.Team, null, CannedReplyKind.Reply, title, "请在订单页申请", "退换货", null, 0, DateTimeOffset.UnixEpoch);

    [Fact]
    public void AFullReadTakenBeforeAWriteDoesNotReplaceTheIndexAfterIt()
    {
        var index = new CannedReplyIndex();
        index.ReplaceAll([Reply("a", "退款流程")]);

        var writesBeforeRead = index.Writes;
        IReadOnlyList<CannedReply> readBeforeTheSave = [Reply("a", "退款流程")];
        index.Apply(["b"], [Reply("b", "换货流程")], usageOnly: false); // the saving instance's own refresh

        Assert.False(index.TryReplaceAll(readBeforeTheSave, writesBeforeRead));
        Assert.NotNull(index.Find("b"));

        // Read again: now nothing came in between, and the read replaces the index.
        Assert.True(index.TryReplaceAll([Reply("a", "退款流程"), Reply("b", "换货流程")], index.Writes));
        Assert.Equal(2, index.Count);
    }

    [Fact]
    public void UsageCountsAreWritesToo()
    {
        var index = new CannedReplyIndex();
        index.ReplaceAll([Reply("a", "退款流程")]);
        var writes = index.Writes;
        var version = index.Version;
        index.Apply(["a"], [Reply("a", "退款流程") with { UsageCount = 3 }], usageOnly: true);
        Assert.Equal(version, index.Version); // pages are not told about usage counts
        Assert.False(index.TryReplaceAll([Reply("a", "退款流程")], writes));
    }
}
