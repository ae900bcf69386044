using ChatSupport.Bot.Protocol;
using ChatSupport.TestSupport;

namespace ChatSupport.Bot.Tests.Protocol;

public sealed class BotStateConcurrencyTests
{
    [Fact]
    public async Task AWriteWithAStaleETagIsRefusedInsteadOfOverwriting()
    {
        using var redis = RedisServer.Start();
        using var muxA = redis.Connect();
        using var muxB = redis.Connect();
        var instanceA = new RedisBotStateStore(muxA);
        var instanceB = new RedisBotStateStore(muxB);

        var a = await instanceA.LoadAsync("state:x");
        var b = await instanceB.LoadAsync("state:x");
        a.Set("count", 1);
        b.Set("count", 2);
        await instanceA.SaveAsync(a);
        await Assert.ThrowsAsync<StateConflictException>(() => instanceB.SaveAsync(b));

        var reloaded = await instanceB.LoadAsync("state:x");
        Assert.Equal(1, reloaded.Get<int>("count"));
        reloaded.Set("count", 3);
        await instanceB.SaveAsync(reloaded);
        Assert.Equal(3, (await instanceA.LoadAsync("state:x")).Get<int>("count"));
    }

    [Fact]
    public async Task ConcurrentIncrementsFromTwoInstancesThroughTheCompareAndSetLoopAreAllKept()
    {
        using var redis = RedisServer.Start();
        using var muxA = redis.Connect();
        using var muxB = redis.Connect();
        var stores = new[] { new RedisBotStateStore(muxA), new RedisBotStateStore(muxB) };

        async Task IncrementAsync(RedisBotStateStore store)
        {
            while (true)
            {
                var state = await store.LoadAsync("state:counter");
                state.Set("n", state.Get<int>("n") + 1);
                try
                {
                    await store.SaveAsync(state);
                    return;
                }
                catch (StateConflictException)
                {
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() => IncrementAsync(stores[i % 2]))));
        Assert.Equal(100, (await stores[0].LoadAsync("state:counter")).Get<int>("n"));
    }
}
