using ChatSupport.Bot.Tests.Support;
using ChatSupport.HandoffContract.Keys;
using ChatSupport.TestSupport;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ChatSupport.Bot.Tests.Handoff;

/// <summary>A shopper message whose turn keeps failing is tried again, and the shopper is told politely when it could not be handled.</summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class ShopperMessageRetryTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private RunningApp _bot = null!;
    private ConnectionMultiplexer _mux = null!;
    private readonly RecordingLoggerProvider _log = new();

    public async Task InitializeAsync()
    {
        _redis = RedisServer.Start();
        _bot = await BotHost.StartAsync(_redis, clock: null, configure: b => b.Logging.AddProvider(_log), scriptedRouter: true,
            "--DeferredTurns:MaxAttempts=2", "--DeferredTurns:BaseDelayMilliseconds=200", "--Logging:LogLevel:ChatSupport.Bot.Protocol=Information");
        _mux = _redis.Connect();
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        _mux.Dispose();
        _redis.Dispose();
    }

    // Was skipped as flaky beside DirectLineSecurityTests. The recorded log of a failing run showed the message was never
    // deferred at all (empty retry queue, no "deferred" line): the lease holder ran in the background and the post could
    // take the lease before its first write. The lease is now planted before the post; on failure the log is printed.
    [Fact]
    public async Task WhenTheMessageCannotBeHandledAfterItsRetriesTheShopperIsToldPolitelyAndTheConversationGoesOn()
    {
        await using var shopper = new DirectLineTestClient(_bot.BaseAddress);
        await shopper.StartAsync(BotHost.Secret);
        await shopper.ConnectStreamAsync();
        await shopper.NextAsync(a => DirectLineTestClient.IsBotMessage(a) && a["text"]!.GetValue<string>().Contains("欢迎"));

        // Another holder keeps the conversation's turn lease for longer than all the retries take. Planted (and awaited)
        // before the post: a holder started in the background and not awaited lost the race to the turn under load, which
        // then took the free lease and answered normally (nothing deferred, so nothing retried: the old flaky failure).
        await _mux.GetDatabase().StringSetAsync(BotStateKeys.TurnLock(shopper.ConversationId), "someone-else", TimeSpan.FromSeconds(90));
        await shopper.PostMessageAsync("几天能到");

        JsonObject told;
        try
        {
            told = await shopper.NextAsync(a => DirectLineTestClient.IsBotMessage(a) && a["text"]!.GetValue<string>().Contains("暂时没能处理成功"), TimeSpan.FromSeconds(60));
        }
        catch (OperationCanceledException)
        {
            var queue = _bot.Service<ChatSupport.Bot.Protocol.DeferredTurns>().Queue;
            Assert.Fail($"not told at {DateTime.UtcNow:HH:mm:ss.fff}; queued here {await queue.BacklogAsync(shopper.ConversationId)}, conversations queued {await queue.ConversationCountAsync()}\n"
                + string.Join("\n", _log.Timed.Where(l => l.Contains("ChatSupport"))));
            throw;
        }
        var text = told["text"]!.GetValue<string>();
        Assert.Contains("「几天能到」", text);
        foreach (var refusal in new[] { "不知道", "不行", "不可以" }) Assert.DoesNotContain(refusal, text);
        Assert.Contains(told["suggestedActions"]!["actions"]!.AsArray(), a => a!["title"]!.GetValue<string>() == "转人工");

        await _mux.GetDatabase().KeyDeleteAsync(BotStateKeys.TurnLock(shopper.ConversationId));
        // Nothing is left queued in front of the next message.
        await shopper.PostMessageAsync("几天能到");
        await shopper.NextAsync(a => DirectLineTestClient.IsBotMessage(a) && a["text"]!.GetValue<string>().Contains("送达"), TimeSpan.FromSeconds(15));
    }
}

/// <summary>
/// Tests whose retries, leases and reload windows are counted in real seconds run on their own, after the parallel
/// ones: on a 2-core machine forty test hosts at once stretch those seconds, which tests the machine, not the bot.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitiveCollection
{
    public const string Name = "timing sensitive";
}
