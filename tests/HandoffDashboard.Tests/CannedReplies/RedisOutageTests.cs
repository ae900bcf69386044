using System.Net.Http.Json;
using ChatSupport.HandoffContract;
using ChatSupport.TestSupport;
using StackExchange.Redis;

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
        // Back means both of the app's connections answer: commands (the sign-in below writes a user) and pub/sub
        // (a saved reply is announced on it). IsConnected turns true with the first one, and on a loaded machine the
        // other, or the first command, could still be a second or more away.
        var mux = app.Service<IConnectionMultiplexer>();
        await Eventually.TrueAsync(async () => await AnswersAsync(() => mux.GetDatabase().PingAsync())
            && await AnswersAsync(() => mux.GetSubscriber().PingAsync()), TimeSpan.FromSeconds(60), "reconnected");
        // The bus listener could not subscribe at start (its SUBSCRIBE timed out, which once stopped the host): the
        // client sends the subscription it kept once it is connected.
        await Eventually.TrueAsync(() => mux.GetSubscriber().SubscribedEndpoint(RedisChannel.Literal(HandoffKeys.ToDashboardWakeUpChannel)) is not null,
            TimeSpan.FromSeconds(30), "the bus listener's wake-up subscription took");

        using var lead = await DashboardSession.SignInAsync(app, "lead", "supervisor");
        (await lead.Http.PostAsJsonAsync("api/canned-replies",
            new { title = "退款流程", text = "请在订单页申请", category = "退换货", shortcut = "/tk", scope = "Team" })).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(async () =>
            (await (await lead.Http.GetAsync("api/canned-replies/search?q=tk")).JsonAsync()).GetArrayLength() == 1,
            TimeSpan.FromSeconds(30), "search works after Redis came back");
    }

    private static async Task<bool> AnswersAsync(Func<Task<TimeSpan>> ping)
    {
        try
        {
            await ping();
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return false;
        }
    }
}
