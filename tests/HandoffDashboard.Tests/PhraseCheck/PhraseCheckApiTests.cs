using System.Net;
using System.Net.Http.Json;
using ChatSupport.HandoffDashboard.PhraseCheck;
using ChatSupport.HandoffDashboard.Tests.CannedReplies;
using ChatSupport.TestSupport;
using StackExchange.Redis;
using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.HandoffDashboard.Tests.PhraseCheck;

public sealed class PhraseCheckApiTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private RunningApp _app = null!;

    public async Task InitializeAsync()
    {
        _redis = RedisServer.Start();
        _app = await CannedReplyHost.StartAsync(_redis);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _redis.Dispose();
    }

    [Fact]
    public async Task WarnsAboutForbiddenWordsOffersAPoliteReplyAndCountsOnlyWarnedSends()
    {
        using var agent = await DashboardSession.SignInAsync(_app, "alice", "agent");

        var typing = await (await agent.Http.PostAsJsonAsync("api/phrase-check", new { text = "这个我不知道", sending = false })).JsonAsync();
        Assert.False(typing.GetProperty("clean").GetBoolean());
        Assert.Equal("不知道", typing.GetProperty("hits")[0].GetProperty("phrase").GetString());
        Assert.Equal("安抚", typing.GetProperty("suggestion").GetProperty("category").GetString());
        Assert.False(typing.GetProperty("counted").GetBoolean());

        var sent = await (await agent.Http.PostAsJsonAsync("api/phrase-check", new { text = "这个我不知道", sending = true })).JsonAsync();
        Assert.True(sent.GetProperty("counted").GetBoolean());
        var clean = await (await agent.Http.PostAsJsonAsync("api/phrase-check", new { text = "我马上帮您确认", sending = true })).JsonAsync();
        Assert.True(clean.GetProperty("clean").GetBoolean());

        using var conn = _redis.Connect();
        var key = StatsKeys.PhraseWarnings(DateOnly.FromDateTime(DateTime.UtcNow));
        // The report side reads the same contract key.
        Assert.Equal(ChatSupport.HandoffContract.Keys.StatsKeys.PhraseWarnings(DateOnly.FromDateTime(DateTime.UtcNow)), key);
        Assert.Equal(1, (long)await conn.GetDatabase().HashGetAsync(key, "alice"));
    }

    [Fact]
    public async Task OnlyAdminsEditTheListAndTheEditTakesEffect()
    {
        using var agent = await DashboardSession.SignInAsync(_app, "alice", "agent");
        using var admin = await DashboardSession.SignInAsync(_app, "root", "admin");
        var list = new { phrases = new[] { new { phrase = "亲自去查", severity = "Risky", suggestCategory = "安抚", hint = "我帮您查" } } };

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.Http.PutAsJsonAsync("api/phrase-check/phrases", list)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.PutAsJsonAsync("api/phrase-check/phrases", list)).StatusCode);

        var check = await (await agent.Http.PostAsJsonAsync("api/phrase-check", new { text = "你亲自去查吧，我不知道" })).JsonAsync();
        Assert.Equal(["亲自去查"], check.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("phrase").GetString()));

        var duplicate = await admin.Http.PutAsJsonAsync("api/phrase-check/phrases", new { phrases = new[] { new { phrase = "甲" }, new { phrase = "甲" } } });
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.True((await duplicate.JsonAsync()).GetProperty("errors").TryGetProperty("phrases[1].phrase", out _));
    }
}
