using StackExchange.Redis;

namespace ChatSupport.Bot.Protocol;

/// <summary>
/// What a write made under a turn lease shows to prove the lease is still the newest: the conversation's fence
/// counter key and the token this lease got from it. A store that checks it refuses a write when a newer lease
/// has been granted since (the classic fencing token: a holder that stalled past its lease cannot overwrite what
/// the next holder wrote, even when its own Redis calls arrive late).
/// </summary>
public sealed record TurnFence(string CounterKey, long Token);

/// <summary>
/// The per-conversation turn lease, so two instances never run one conversation's turns at once.
/// <list type="bullet">
/// <item>Taking it is one script: if the lease key is absent, INCR the conversation's fence counter and SET the lease
/// to that number with a TTL. The number is the lease's fencing token (strictly increasing per conversation) and
/// also its owner check for renewal and release (compare-and-delete, so one holder cannot free another's lease).</item>
/// <item>The TTL is short (<see cref="DefaultLease"/>) and renewed every third of it while the turn runs, so a live
/// long turn keeps its lease while a dead instance's (<c>kill -9</c> mid-turn) ends on its own within one TTL.</item>
/// <item>Reads that belong to the turn ride in the same batch right behind the take: Redis runs a connection's
/// commands in order, so when the take succeeded they saw everything the previous holder wrote; when it did not,
/// their answers are thrown away and the whole batch is retried.</item>
/// <item>A write that must happen whatever the lease's answer (the shopper's message, stored by the channel) rides ahead
/// of the first take only: one round trip stores the message, takes the lease and reads the state.</item>
/// </list>
/// </summary>
internal sealed class TurnLock : IAsyncDisposable
{
    public static readonly TimeSpan DefaultLease = TimeSpan.FromSeconds(15);

    /// <summary>The fence counter outlives every state it guards (bot state is kept 30 days after its last write).</summary>
    private static readonly TimeSpan FenceRetention = TimeSpan.FromDays(31);

    private const string TakeScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        local token = redis.call('INCR', KEYS[2])
        redis.call('PEXPIRE', KEYS[2], ARGV[2])
        redis.call('SET', KEYS[1], token, 'PX', ARGV[1])
        return token
        """;

    private const string RenewScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return 0
        """;

    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    private readonly IDatabase _db;
    private readonly string _key;
    private readonly TimeSpan _lease;
    private readonly CancellationTokenSource _stopRenewing = new();
    private readonly Task _renewing;

    public TurnFence Fence { get; }

    /// <summary>True once a renewal found the lease gone or taken (the turn ran past it); fenced writes then fail.</summary>
    public bool Lost { get; private set; }

    private TurnLock(IDatabase db, string key, TimeSpan lease, long token)
    {
        _db = db;
        _key = key;
        _lease = lease;
        Fence = new TurnFence(FenceKey(key), token);
        _renewing = RenewAsync(_stopRenewing.Token);
    }

    public static string FenceKey(string lockKey) => HandoffContract.Keys.BotStateKeys.TurnFence(lockKey);

    /// <param name="readAfterLock">Queues the reads on the batch (must not await before queueing them).</param>
    /// <param name="clock">The bot's one clock (the wait is measured on it, like every due time the turn computes).</param>
    /// <param name="aheadOfFirstTake">Queues writes that must happen once whether or not the lease is free (a shopper's message
    /// stored by its channel): they ride ahead of the first take only, and are never repeated by a retry.</param>
    public static async Task<(TurnLock Lock, T Read)> AcquireAsync<T>(IConnectionMultiplexer redis, string key, TimeSpan lease, TimeSpan wait,
        Func<IBatch, Task<T>> readAfterLock, CancellationToken ct, TimeProvider? clock = null, Action<IBatch>? aheadOfFirstTake = null)
    {
        clock ??= TimeProvider.System;
        var db = redis.GetDatabase();
        var started = clock.GetTimestamp();
        var delay = 2;
        while (true)
        {
            var batch = db.CreateBatch();
            aheadOfFirstTake?.Invoke(batch);
            aheadOfFirstTake = null;
            var taking = batch.ScriptEvaluateAsync(TakeScript, [key, FenceKey(key)],
                [(long)lease.TotalMilliseconds, (long)FenceRetention.TotalMilliseconds]);
            var reading = readAfterLock(batch);
            batch.Execute();
            var token = (long)await taking;
            var read = await reading;
            if (token > 0) return (new TurnLock(db, key, lease, token), read);
            if (clock.GetElapsedTime(started) > wait) throw new TurnLockBusyException(key, wait);
            await Task.Delay(delay, ct);
            delay = Math.Min(delay * 2, 50);
        }
    }

    private async Task RenewAsync(CancellationToken stop)
    {
        var period = _lease / 3;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                // Almost every turn ends before its first renewal: the stop then ends the wait without an exception
                // (one thrown per turn was the bot's commonest exception under load, TaskCanceledException).
                await Task.Delay(period, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (stop.IsCancellationRequested) return;
                var renewed = (long)await _db.ScriptEvaluateAsync(RenewScript, [_key], [Fence.Token, (long)_lease.TotalMilliseconds]);
                if (renewed == 0)
                {
                    Lost = true;
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // Redis away for a moment: try again next period; if the lease lapses meanwhile, the fence tells.
            }
        }
    }

    private bool _released;

    /// <summary>Stops renewing; the lease stays valid for the rest of its TTL (for the writes queued before the release).</summary>
    private async Task StopRenewingAsync()
    {
        if (_stopRenewing.IsCancellationRequested) return;
        // Cancel, not CancelAsync: the only callback is the renewal's wait, which then ends here, inline, instead of on
        // a thread-pool work item of its own.
        _stopRenewing.Cancel();
        await _renewing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>
    /// Queues the release on <paramref name="batch"/>, behind the turn's last writes, so they and the release are one
    /// round trip; disposing afterwards sends nothing more. Renewal stops first (an in-flight renewal cannot land after it).
    /// </summary>
    public async Task<Task> ReleaseWithAsync(IDatabaseAsync batch)
    {
        await StopRenewingAsync();
        _released = true;
        return Released(batch.ScriptEvaluateAsync(ReleaseScript, [_key], [Fence.Token]));

        static async Task Released(Task<RedisResult> release)
        {
            try
            {
                await release;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // The lease expires by itself.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopRenewingAsync();
        _stopRenewing.Dispose();
        if (_released) return;
        _released = true;
        try
        {
            await _db.ScriptEvaluateAsync(ReleaseScript, [_key], [Fence.Token]);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The lease expires by itself.
        }
    }
}

/// <summary>The conversation's turn lease stayed taken for the whole wait (another turn runs, or a dead instance's lease has not ended yet).</summary>
public sealed class TurnLockBusyException(string key, TimeSpan wait)
    : TimeoutException($"turn lock {key} busy for {wait.TotalSeconds:F0} s");
