using System.Net;
using ChatSupport.Bot.Tests.Support;
using ChatSupport.TestSupport;

namespace ChatSupport.Bot.Tests.Health;

public sealed class HealthTests
{
    [Fact]
    public async Task ReadyzFailsWhileRedisIsDownAndRecoversWhenItReturns()
    {
        using var redis = RedisServer.Start();
        await using var bot = await BotHost.StartAsync(redis);
        using var http = bot.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("healthz")).StatusCode);
        // Ready once the start-up warm-up has run (it needs the server listening, so it finishes just after start).
        await Eventually.TrueAsync(async () => (await http.GetAsync("readyz")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(15));
        Assert.True(bot.Service<ChatSupport.Bot.Health.StartupWarmUp>().IsDone);

        redis.Kill();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("healthz")).StatusCode);

        redis.Restart();
        await Eventually.TrueAsync(async () => (await http.GetAsync("readyz")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(15));
    }
}
