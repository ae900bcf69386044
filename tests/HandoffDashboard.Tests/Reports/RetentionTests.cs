using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Handovers;
using ChatSupport.HandoffDashboard.Redis;
using ChatSupport.HandoffDashboard.Reports;
using ChatSupport.HandoffDashboard.Tests.Complaints;
using ChatSupport.HandoffDashboard.Tests.Support;
using ChatSupport.TestSupport;
using Microsoft.Extensions.Options;
using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.HandoffDashboard.Tests.Reports;

/// <summary>The dashboard's indexes that grow with traffic keep only what their retention allows.</summary>
public sealed class RetentionTests
{
    [Fact]
    public async Task ClosedChatsOlderThanTheRetentionLeaveTheIndexAndDayCountersExpire()
    {
        using var redis = RedisServer.Start();
        using var connection = redis.Connect();
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        var indexer = new ReportIndexer(connection, Options.Create(new ReportsOptions { RetentionDays = 10 }), clock);
        async Task ChatAsync(string id, DateTimeOffset at)
        {
            var n = 0;
            foreach (var (kind, minutes) in new[] { (HandoffEventKinds.EscalationRequested, 0), (HandoffEventKinds.AgentJoined, 1), (HandoffEventKinds.ConversationClosed, 5) })
            {
                await indexer.HandleAsync(new HandoffStreamEntry("to-bot", $"{id}-{n++}", new HandoffEvent
                {
                    Kind = kind, ConversationId = id, AgentId = "a", At = at.AddMinutes(minutes),
                }), CancellationToken.None);
            }
        }

        await ChatAsync("old", clock.Now.AddDays(-30));
        await ChatAsync("recent", clock.Now.AddDays(-1));

        var db = connection.GetDatabase();
        Assert.Equal(["recent"], (await db.SortedSetRangeByRankAsync(ReportKeys.ClosedChats)).Select(v => (string)v!));
        var ttl = await db.KeyTimeToLiveAsync(ReportKeys.AgentDaily(DateOnly.FromDateTime(clock.Now.AddDays(-1).UtcDateTime)));
        Assert.NotNull(ttl);
        Assert.InRange(ttl!.Value.TotalDays, 9, 10);
    }

    [Fact]
    public async Task WritingAHandoverNoteDropsNotesOlderThanTheRetention()
    {
        using var redis = RedisServer.Start();
        using var connection = redis.Connect();
        var store = new HandoverStore(connection, Options.Create(new HandoverOptions { RetentionDays = 30 }));
        var now = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

        await store.AddAsync(new HandoverNote("HO1", now.AddDays(-40), "a", null, "很久以前"));
        await store.AddAsync(new HandoverNote("HO2", now.AddDays(-2), "a", null, "前天"));
        await store.AddAsync(new HandoverNote("HO3", now, "a", null, "今天"));

        var left = await store.BetweenAsync(now.AddYears(-1), now.AddMinutes(1));
        Assert.Equal(["HO3", "HO2"], left.Select(n => n.Id));
    }

    [Fact]
    public async Task AnAgentsReadMarkOfAChatIsDroppedWhenTheChatLeavesThem()
    {
        await using var host = await DashboardHost.StartAsync();
        var agent = await host.AgentAsync("xiaoli", online: false);
        var db = host.Connection.GetDatabase();
        foreach (var id in new[] { "c-1", "c-2" })
        {
            await host.Bot.EscalateAsync(id, HandoffReason.Human);
            await agent.AcceptAsync(id);
            await host.Bot.CustomerSaysAsync(id, "你好");
            await agent.Http.PostAsync($"api/conversations/{id}/read", null);
        }
        Assert.Equal(2, await db.HashLengthAsync(AgentKeys.ReadMarks("xiaoli")));

        await agent.CloseAsync("c-1");

        await Eventually.TrueAsync(async () => !await db.HashExistsAsync(AgentKeys.ReadMarks("xiaoli"), "c-1"),
            TimeSpan.FromSeconds(10), "read mark of the closed chat dropped");
        Assert.True(await db.HashExistsAsync(AgentKeys.ReadMarks("xiaoli"), "c-2"));
    }
}
