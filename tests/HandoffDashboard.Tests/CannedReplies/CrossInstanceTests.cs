using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using ChatSupport.HandoffDashboard.CannedReplies;
using ChatSupport.TestSupport;
using StackExchange.Redis;
using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.HandoffDashboard.Tests.CannedReplies;

/// <summary>Two dashboard instances on one Redis: changes on one reach the other's index and open pages within a second.</summary>
public sealed class CrossInstanceTests
{
    [Fact]
    public async Task AChangeOnOneInstanceIsSearchableAndAnnouncedOnTheOtherWithinASecond()
    {
        using var redis = RedisServer.Start();
        await using var a = await CannedReplyHost.StartAsync(redis, "--CannedReplies:SeedDefaults=false");
        await using var b = await CannedReplyHost.StartAsync(redis, "--CannedReplies:SeedDefaults=false");
        using var lead = await DashboardSession.SignInAsync(a, "lead", "supervisor");
        using var agentOnB = await DashboardSession.SignInAsync(b, "alice", "agent");

        // An open page on instance B: the SSE stream.
        using var sse = await agentOnB.Http.GetAsync("api/canned-replies/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", sse.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await sse.Content.ReadAsStreamAsync());
        Assert.Equal("event: ready", await reader.ReadLineAsync());

        var clock = Stopwatch.StartNew();
        (await lead.Http.PostAsJsonAsync("api/canned-replies",
            new { title = "换货流程", text = "请在订单页申请换货", category = "退换货", shortcut = "/hh", scope = "Team" })).EnsureSuccessStatusCode();

        var changed = ReadUntilAsync(reader, "event: changed");
        Assert.True(await Task.WhenAny(changed, Task.Delay(1000)) == changed, "no change event on instance B within a second");
        await Eventually.TrueAsync(async () =>
            (await (await agentOnB.Http.GetAsync("api/canned-replies/search?q=hh")).JsonAsync()).GetArrayLength() == 1,
            TimeSpan.FromSeconds(1), "instance B finds the new reply");
        Assert.True(clock.ElapsedMilliseconds < 1500, $"took {clock.ElapsedMilliseconds} ms");

        // A delete travels the same way.
        var id = (await (await agentOnB.Http.GetAsync("api/canned-replies/search?q=hh")).JsonAsync())[0].GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await lead.Http.DeleteAsync($"api/canned-replies/{id}")).StatusCode);
        await Eventually.TrueAsync(async () =>
            (await (await agentOnB.Http.GetAsync("api/canned-replies/search?q=hh")).JsonAsync()).GetArrayLength() == 0,
            TimeSpan.FromSeconds(1), "instance B forgets the deleted reply");
    }

    private static async Task ReadUntilAsync(StreamReader reader, string line)
    {
        while (await reader.ReadLineAsync() is { } read)
            if (read == line) return;
        throw new EndOfStreamException();
    }

    [Fact]
    public async Task TwoInstancesStartingTogetherSeedTheDefaultsOnce()
    {
        using var redis = RedisServer.Start();
        var starts = await Task.WhenAll(CannedReplyHost.StartAsync(redis), CannedReplyHost.StartAsync(redis));
        try
        {
            using var conn = redis.Connect();
            var db = conn.GetDatabase();
            Assert.Equal(DefaultCannedReplies.All.Count, db.HashLength(CannedReplyKeys.Items));
            var categories = db.HashValues(CannedReplyKeys.Items).Select(v => System.Text.Json.JsonDocument.Parse(v.ToString()).RootElement.GetProperty("category").GetString()!).ToHashSet();
            Assert.Equal(CannedReplyCategories.Defaults.Order(), categories.Order());
            Assert.True(db.HashLength(PhraseCheckKeys.Phrases) > 10);

            // A supervisor's deletion survives a restart: the defaults are not seeded again.
            db.KeyDelete(CannedReplyKeys.Items);
            await using var third = await CannedReplyHost.StartAsync(redis);
            Assert.Equal(0, db.HashLength(CannedReplyKeys.Items));
        }
        finally
        {
            foreach (var app in starts) await app.DisposeAsync();
        }
    }
}
