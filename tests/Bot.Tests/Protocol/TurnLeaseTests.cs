using System.Text.Json.Nodes;
using ChatSupport.Bot.Protocol;
using ChatSupport.TestSupport;
using StackExchange.Redis;

namespace ChatSupport.Bot.Tests.Protocol;

/// <summary>The per-conversation turn lease: bounded, renewed while held, and fenced against late writers.</summary>
public sealed class TurnLeaseTests : IAsyncLifetime
{
    private static readonly string LockKey = ChatSupport.HandoffContract.Keys.BotStateKeys.TurnLock("lease-test");
    private RedisServer _redis = null!;
    private ConnectionMultiplexer _mux = null!;

    public Task InitializeAsync()
    {
        _redis = RedisServer.Start();
        _mux = _redis.Connect();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _mux.Dispose();
        _redis.Dispose();
        return Task.CompletedTask;
    }

    private Task<(TurnLock Lock, TurnState State)> TakeAsync(RedisBotStateStore states, string stateKey, TimeSpan lease, TimeSpan? wait = null) =>
        TurnLock.AcquireAsync(_mux, LockKey, lease, wait ?? TimeSpan.FromSeconds(5), batch => states.LoadAsync(batch, stateKey), CancellationToken.None);

    [Fact]
    public async Task ALateWriterWithAnOlderLeaseCannotOverwriteStateWrittenUnderANewerOne()
    {
        var states = new RedisBotStateStore(_mux);
        var (stalled, stalledState) = await TakeAsync(states, "state:fence", TimeSpan.FromSeconds(15));
        // The holder stalls (a long GC pause, a frozen VM) past its lease: the lease is gone, as if its TTL ran out.
        await _mux.GetDatabase().KeyDeleteAsync(LockKey);

        var (current, currentState) = await TakeAsync(states, "state:fence", TimeSpan.FromSeconds(15));
        Assert.True(current.Fence.Token > stalled.Fence.Token);
        currentState.Set("step", "newer lease");
        await states.SaveAsync(currentState, current.Fence);

        // The stalled holder wakes up and writes what it had: refused, whatever its ETag says.
        stalledState.Set("step", "older lease");
        await Assert.ThrowsAsync<StateConflictException>(() => states.SaveAsync(stalledState, stalled.Fence));

        // Even when the newer holder wrote nothing yet (the ETag alone would let the late write through).
        var otherStale = await states.LoadAsync("state:untouched");
        otherStale.Set("step", "older lease");
        await Assert.ThrowsAsync<StateConflictException>(() => states.SaveAsync(otherStale, stalled.Fence));

        var saved = await states.LoadAsync("state:fence");
        Assert.Equal("newer lease", saved.Get<string>("step"));
        await current.DisposeAsync();
        await stalled.DisposeAsync(); // releasing with the old token does not free the newer holder's lease (already freed above)
    }

    [Fact]
    public async Task ALiveTurnKeepsItsLeaseByRenewingItAndADeadOnesLeaseEndsWithinItsTtl()
    {
        var states = new RedisBotStateStore(_mux);
        // A 3 s lease renewed about every second (a 900 ms one was lost on a CI machine whose cores were busy for longer
        // than the lease, which is what the lease is for, not what this test checks).
        var (held, _) = await TakeAsync(states, "state:renew", TimeSpan.FromSeconds(3));
        await Task.Delay(TimeSpan.FromSeconds(7)); // well past the 3 s lease: still held, renewed by the holder
        Assert.Equal(held.Fence.Token.ToString(), (string?)await _mux.GetDatabase().StringGetAsync(LockKey));
        Assert.False(held.Lost);
        await Assert.ThrowsAsync<TurnLockBusyException>(() => TakeAsync(states, "state:renew", TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(300)));
        await held.DisposeAsync();
        Assert.False(await _mux.GetDatabase().KeyExistsAsync(LockKey));

        // The lease a turn takes is bounded: a holder that dies without releasing it frees the conversation within one TTL.
        var (dying, _) = await TakeAsync(states, "state:renew", TurnLock.DefaultLease);
        var ttl = await _mux.GetDatabase().KeyTimeToLiveAsync(LockKey);
        Assert.InRange(ttl!.Value, TimeSpan.FromSeconds(1), TurnLock.DefaultLease);
        await dying.DisposeAsync();
    }
}
