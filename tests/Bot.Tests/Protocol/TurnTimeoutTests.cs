using System.Net;
using System.Net.Http.Json;
using ChatSupport.Bot.Protocol;
using ChatSupport.Bot.Tests.Handoff;
using ChatSupport.Bot.Tests.Support;
using ChatSupport.HandoffContract.Keys;
using ChatSupport.TestSupport;
using StackExchange.Redis;

namespace ChatSupport.Bot.Tests.Protocol;

/// <summary>
/// A Direct Line turn cut by the turn time limit (15 s by default; 1 s here) must not cost the shopper's message:
/// the post is accepted, the message is deferred and answered later, and if it never can be, the shopper is told.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class TurnTimeoutTests
{
    [Fact]
    public async Task AMessageWhoseTurnRunsOutOfTimeIsAcceptedAndAnsweredOnceTheConversationIsFree()
    {
        using var redis = RedisServer.Start();
        await using var bot = await BotHost.StartAsync(redis, settings: ["--DirectLine:BotTimeoutSeconds=1"]);
        using var mux = redis.Connect();
        await using var shopper = new DirectLineTestClient(bot.BaseAddress);
        await shopper.StartAsync(BotHost.Secret);
        await shopper.ConnectStreamAsync();
        await shopper.NextAsync(DirectLineTestClient.BotSays("欢迎"));

        // Something holds the conversation's lease for longer than the turn may take (a slow turn, a dead instance).
        await mux.GetDatabase().StringSetAsync(BotStateKeys.TurnLock(shopper.ConversationId), "slow-turn", TimeSpan.FromSeconds(4));
        var response = await shopper.SendAsync(HttpMethod.Post, $"v3/directline/conversations/{Uri.EscapeDataString(shopper.ConversationId)}/activities",
            shopper.Token, new { type = "message", text = "几天能到", from = new { id = "u" }, channelData = new { clientActivityID = "c-1" } });

        // Before: 502 BotError, and the message was never answered nor queued.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var posted = (await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["id"]!.GetValue<string>();
        var answer = await shopper.NextAsync(a => DirectLineTestClient.IsBotMessage(a) && a["replyToId"]?.GetValue<string>() == posted, TimeSpan.FromSeconds(30));
        Assert.Contains("送达", answer["text"]!.GetValue<string>());
        await Eventually.TrueAsync(async () => await bot.Service<DeferredTurns>().Queue.BacklogAsync(shopper.ConversationId) == 0,
            TimeSpan.FromSeconds(5), "nothing left queued");
    }

    [Fact]
    public async Task AMessageWhoseTurnsKeepRunningOutOfTimeEndsWithAPoliteNoteToTheShopper()
    {
        using var redis = RedisServer.Start();
        await using var bot = await BotHost.StartAsync(redis, settings:
            ["--DirectLine:BotTimeoutSeconds=1", "--DeferredTurns:TurnTimeoutSeconds=1", "--DeferredTurns:MaxAttempts=2", "--DeferredTurns:BaseDelayMilliseconds=100"]);
        using var mux = redis.Connect();
        await using var shopper = new DirectLineTestClient(bot.BaseAddress);
        await shopper.StartAsync(BotHost.Secret);
        await shopper.ConnectStreamAsync();
        await shopper.NextAsync(DirectLineTestClient.BotSays("欢迎"));

        await mux.GetDatabase().StringSetAsync(BotStateKeys.TurnLock(shopper.ConversationId), "stuck-turn", TimeSpan.FromSeconds(60));
        var posted = await shopper.PostMessageAsync("几天能到"); // accepted, though no turn can run

        var told = await shopper.NextAsync(DirectLineTestClient.BotSays("暂时没能处理成功"), TimeSpan.FromSeconds(30));
        Assert.Equal(posted, told["replyToId"]?.GetValue<string>());
        Assert.Contains("「几天能到」", told["text"]!.GetValue<string>());
        Assert.Equal(0, await bot.Service<DeferredTurns>().Queue.BacklogAsync(shopper.ConversationId));
    }
}
