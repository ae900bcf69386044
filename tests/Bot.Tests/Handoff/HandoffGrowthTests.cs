using ChatSupport.Bot.Handoff;
using ChatSupport.Bot.Tests.Support;
using ChatSupport.HandoffContract;
using ChatSupport.TestSupport;
using StackExchange.Redis;

namespace ChatSupport.Bot.Tests.Handoff;

/// <summary>What the bot writes for the handoff grows with traffic; each has a cap set in configuration (issue 11, bounded growth).</summary>
public sealed class HandoffGrowthTests
{
    [Fact]
    public async Task ATranscriptKeepsItsNewestLinesUpToTheCapAndStillSkipsARepeatedLine()
    {
        using var redis = RedisServer.Start();
        await using var bot = await BotHost.StartAsync(redis, settings: ["--Handoff:MaxTranscriptLines=100"]);
        using var mux = redis.Connect();
        var store = bot.Service<TranscriptLines>();
        TranscriptEntry Line(int n) => new($"long-chat|{n:D7}", DateTimeOffset.UtcNow, TranscriptSenders.Customer, "顾客", "第" + n + "句");

        for (var batch = 0; batch < 25; batch++)
            await store.AppendAsync("long-chat", Enumerable.Range(batch * 10, 10).Select(Line));

        var kept = await store.ReadAsync("long-chat");
        Assert.Equal(100, kept.Count);
        Assert.Equal(Enumerable.Range(150, 100).Select(n => "第" + n + "句"), kept.Select(l => l.Text));
        var ids = await mux.GetDatabase().SetLengthAsync(HandoffKeys.Transcript("long-chat") + ":ids");
        Assert.InRange(ids, 100, 200);
        // A replayed recent line (a relayed event or deferred turn run again) is still recognised after the trims.
        await store.AppendAsync("long-chat", [Line(249), Line(250)]);
        var after = await store.ReadAsync("long-chat");
        Assert.Equal(100, after.Count);
        Assert.Single(after, l => l.Text == "第249句");
        Assert.Equal("第250句", after[^1].Text);
    }

    [Fact]
    public async Task TheToDashboardStreamIsTrimmedToAboutItsConfiguredLength()
    {
        using var redis = RedisServer.Start();
        await using var bot = await BotHost.StartAsync(redis, settings: ["--Handoff:ToDashboardStreamMaxLength=1000"]);
        using var mux = redis.Connect();
        var store = bot.Service<ToDashboardEvents>();
        for (var i = 0; i < 3000; i++)
            await store.PublishAsync(new HandoffEvent { Kind = HandoffEventKinds.CustomerReplied, ConversationId = "c-" + (i % 50), Text = "message-" + i });

        // MAXLEN ~ trims whole stream nodes (100 entries each by default), so the length stays within one node of the cap.
        var length = await mux.GetDatabase().StreamLengthAsync(HandoffKeys.ToDashboardStream);
        Assert.InRange(length, 1000, 1100);
        var newest = await mux.GetDatabase().StreamRangeAsync(HandoffKeys.ToDashboardStream, "-", "+", 1, Order.Descending);
        Assert.Contains("message-2999", newest.Single().Values.Single().Value.ToString());
    }

    [Fact]
    public async Task ACustomerRemembersOnlyTheirNewestConversationsUpToTheCap()
    {
        using var redis = RedisServer.Start();
        await using var bot = await BotHost.StartAsync(redis, settings: ["--Handoff:MaxConversationsPerCustomer=3"]);
        using var mux = redis.Connect();
        var store = bot.Service<HandoffQueue>();
        for (var i = 0; i < 6; i++)
        {
            Assert.True(await store.EscalateAsync("visit-" + i, "shopper-9", "王女士", HandoffReason.Human, "在吗"));
            await Task.Delay(5); // distinct start times
        }

        var remembered = await mux.GetDatabase().SortedSetRangeByRankAsync(HandoffKeys.CustomerConversations("shopper-9"));
        Assert.Equal(["visit-3", "visit-4", "visit-5"], remembered.Select(v => v.ToString()));
    }
}
