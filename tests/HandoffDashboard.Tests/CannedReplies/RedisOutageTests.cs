using System.Net.Http.Json;
using ChatSupport.TestSupport;

namespace ChatSupport.HandoffDashboard.Tests.CannedReplies;

public sealed class RedisOutageTests
{
    [Fact]
    public async Task TheDashboardStartsWhileRedisIsDownAndServesPhrasesOnceItIsBack()
    {
        using var redis = RedisServer.Start();
        redis.Kill();

        await using var app = await CannedReplyHost.StartAsync(redis, "--CannedReplies:SeedDefaults=false");
        redis.Restart();
        await Eventually.TrueAsync(() => app.Service<StackExchange.Redis.IConnectionMultiplexer>().IsConnected, TimeSpan.FromSeconds(30), "reconnected");

        using var lead = await DashboardSession.SignInAsync(app, "lead", "supervisor");
        (await lead.Http.PostAsJsonAsync("api/canned-replies",
            new { title = "退款流程", text = "请在订单页申请", category = "退换货", shortcut = "/tk", scope = "Team" })).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(async () =>
            (await (await lead.Http.GetAsync("api/canned-replies/search?q=tk")).JsonAsync()).GetArrayLength() == 1,
            TimeSpan.FromSeconds(10), "search works after Redis came back");
    }
}
