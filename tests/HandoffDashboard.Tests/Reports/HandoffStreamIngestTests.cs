using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Reports;
using ChatSupport.HandoffDashboard.Tests.Complaints;
using ChatSupport.TestSupport;
using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.HandoffDashboard.Tests.Reports;

public sealed class HandoffStreamIngestTests
{
    [Fact]
    public async Task EntriesADeadInstanceReadButNeverAcknowledgedAreClaimedAndCounted()
    {
        await using var d = await AfterSalesDashboard.StartAsync(null, "--Reports:ClaimIdleAfter=00:00:01");
        var at = new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);
        // Let the live instance create its group first, then a "dead" consumer grabs the entries and vanishes.
        await Eventually.TrueAsync(async () => (long)await d.Db.ScriptEvaluateAsync(
            "local ok, g = pcall(redis.call, 'XINFO', 'GROUPS', KEYS[1]) if ok and #g > 0 then return 1 end return 0", [HandoffKeys.ToBotStream]) == 1,
            TimeSpan.FromSeconds(15), "report group created");
        await d.Db.ScriptEvaluateAsync("""
            redis.call('XADD', KEYS[1], '*', 'event', ARGV[1])
            redis.call('XADD', KEYS[1], '*', 'event', ARGV[2])
            redis.call('XREADGROUP', 'GROUP', 'reports', 'dead-instance', 'COUNT', 10, 'STREAMS', KEYS[1], '>')
            return 1
            """, [HandoffKeys.ToBotStream],
            [
                new HandoffEvent { Kind = HandoffEventKinds.AgentJoined, ConversationId = "c-dead", AgentId = "agent-x", At = at }.ToJson(),
                new HandoffEvent { Kind = HandoffEventKinds.AgentReplied, ConversationId = "c-dead", AgentId = "agent-x", At = at.AddSeconds(42) }.ToJson(),
            ]);

        await Eventually.TrueAsync(() => HandoffStreams.AllConsumedAsync(d.Db), TimeSpan.FromSeconds(20), "stale entries claimed and acknowledged");

        var h = (await d.Db.HashGetAllAsync(ReportKeys.AgentDaily(DateOnly.FromDateTime(at.UtcDateTime)))).ToDictionary(e => (string)e.Name!, e => (long)e.Value);
        Assert.Equal(1, h["agent-x|handled"]);
        Assert.Equal(42_000, h["agent-x|frt_ms"]);
    }

    [Fact]
    public async Task AnUnreadableEntryIsAcknowledgedAndDoesNotBlockTheOnesAfterIt()
    {
        await using var d = await AfterSalesDashboard.StartAsync();
        var at = new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);
        await d.Db.ScriptEvaluateAsync("redis.call('XADD', KEYS[1], '*', 'event', '{not json') return 1", [HandoffKeys.ToBotStream]);
        await HandoffStreams.AppendAsync(d.Db, new HandoffEvent { Kind = HandoffEventKinds.AgentJoined, ConversationId = "c-ok", AgentId = "agent-y", At = at });

        await Eventually.TrueAsync(() => HandoffStreams.AllConsumedAsync(d.Db), TimeSpan.FromSeconds(15), "both entries acknowledged");

        Assert.Equal(1, (long)await d.Db.HashGetAsync(ReportKeys.AgentDaily(DateOnly.FromDateTime(at.UtcDateTime)), "agent-y|handled"));
    }
}
