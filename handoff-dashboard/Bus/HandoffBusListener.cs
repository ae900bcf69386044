using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Redis;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.Bus;

/// <summary>
/// Reads both handoff streams from where this instance started (plain XREAD, no consumer group: every
/// instance needs every event to push to its own pages). Reads on a pub/sub wake-up, and every second in case
/// a wake-up was lost (pub/sub is fire-and-forget; the streams are the record).
/// </summary>
internal sealed class HandoffBusListener(
    IConnectionMultiplexer redis,
    HandoffEventDispatcher dispatcher,
    ILogger<HandoffBusListener> logger) : BackgroundService
{
    private const int BatchSize = 200;
    private static readonly TimeSpan PollFallback = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, string?> _startCursors = [];

    /// <summary>
    /// Takes both streams' current ends before the host starts serving, so nothing written after start-up
    /// (once pages can connect) is skipped. With Redis down, the read loop takes them once it is back.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var stream in new[] { HandoffKeys.ToDashboardStream, HandoffKeys.ToBotStream })
        {
            try
            {
                _startCursors[stream] = await RedisStreams.LastIdAsync(redis.GetDatabase(), stream);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                BusLog.ReadFailed(logger, ex, stream);
            }
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var fromBot = new SemaphoreSlim(0, 1);
        var fromDashboard = new SemaphoreSlim(0, 1);
        var subscriber = redis.GetSubscriber();
        await SubscribeOrDeferAsync(subscriber, HandoffKeys.ToDashboardWakeUpChannel, (_, _) => Wake(fromBot));
        await SubscribeOrDeferAsync(subscriber, HandoffKeys.ToBotWakeUpChannel, (_, _) => Wake(fromDashboard));
        await SubscribeOrDeferAsync(subscriber, HandoffKeys.TypingChannel, (_, message) => OnTypingAsync(message).ConfigureAwait(false));
        try
        {
            await Task.WhenAll(
                FollowAsync(HandoffKeys.ToDashboardStream, fromBot, dispatcher.FromBotAsync, stoppingToken),
                FollowAsync(HandoffKeys.ToBotStream, fromDashboard, dispatcher.FromDashboardAsync, stoppingToken));
        }
        finally
        {
            foreach (var channel in new[] { HandoffKeys.ToDashboardWakeUpChannel, HandoffKeys.ToBotWakeUpChannel, HandoffKeys.TypingChannel })
            {
                try { await subscriber.UnsubscribeAsync(RedisChannel.Literal(channel)); }
                catch (Exception ex) when (ex is RedisException or TimeoutException) { /* stopping with Redis down: nothing to undo there */ }
            }
        }
    }

    /// <summary>
    /// With Redis down at start (abortConnect=false) SUBSCRIBE times out; an exception out of ExecuteAsync would stop
    /// the host, so the dashboard would not start. The client keeps the subscription it registered before sending and
    /// sends it again once it connects, so the failure is only logged; the streams are polled every second meanwhile.
    /// </summary>
    private async Task SubscribeOrDeferAsync(ISubscriber subscriber, string channel, Action<RedisChannel, RedisValue> handler)
    {
        try
        {
            await subscriber.SubscribeAsync(RedisChannel.Literal(channel), handler);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            BusLog.SubscribeDeferred(logger, ex, channel);
        }
    }

    private static void Wake(SemaphoreSlim signal)
    {
        try { signal.Release(); }
        catch (SemaphoreFullException) { /* a read is already due */ }
    }

    private async Task OnTypingAsync(RedisValue message)
    {
        try
        {
            await dispatcher.TypingAsync(HandoffEvent.FromJson(message!));
        }
        catch (Exception ex)
        {
            BusLog.TypingFailed(logger, ex);
        }
    }

    private async Task FollowAsync(string stream, SemaphoreSlim wake, Func<HandoffEvent, Task> handle, CancellationToken stoppingToken)
    {
        var cursor = _startCursors.GetValueOrDefault(stream);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var db = redis.GetDatabase();
                if (cursor is null)
                {
                    cursor = await RedisStreams.LastIdAsync(db, stream);
                    BusLog.Reading(logger, stream, cursor);
                }
                var batch = await RedisStreams.ReadAfterAsync(db, stream, cursor, BatchSize);
                foreach (var entry in batch)
                {
                    try
                    {
                        if (entry.Event is not null) await handle(entry.Event);
                        else BusLog.HandleFailed(logger, new System.Text.Json.JsonException(entry.Error), stream, entry.Id);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        BusLog.HandleFailed(logger, ex, stream, entry.Id);
                    }
                    cursor = entry.Id;
                }
                if (batch.Count < BatchSize) await wake.WaitAsync(PollFallback, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                BusLog.ReadFailed(logger, ex, stream);
                await Task.Delay(PollFallback, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
