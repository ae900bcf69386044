using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.HandoffDashboard.CannedReplies;

/// <summary>
/// Keeps this instance's <see cref="CannedReplyIndex"/> in step with Redis: a full load at start,
/// the changed ids on every pub/sub message (from any instance, this one included), and a full
/// reload now and then in case a message was lost while the connection was down. Messages are
/// applied one at a time, in arrival order, by a single loop.
/// </summary>
internal sealed class CannedReplyChangeListener(
    IConnectionMultiplexer redis,
    RedisCannedReplyStore store,
    CannedReplyIndex index,
    CannedReplyNotifier notifier,
    IOptions<CannedReplyOptions> options,
    ILogger<CannedReplyChangeListener> logger) : BackgroundService
{
    private readonly Channel<CannedReplyChange> _changes = Channel.CreateUnbounded<CannedReplyChange>(new UnboundedChannelOptions { SingleReader = true });
    private static readonly CannedReplyChange ReloadAll = new([], All: true, UsageOnly: false);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The dashboard starts while Redis is down (abortConnect=false): keep trying to subscribe rather than
        // let the exception stop the host. The periodic full reload catches up on what was missed meanwhile.
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SubscribeAsync();
                break;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // A subscribe that timed out may still have registered the handler locally: take it off before the
                // next attempt adds it again, or every change would be queued twice from then on.
                await UnsubscribeQuietlyAsync();
                CannedReplyLog.RefreshFailed(logger, ex);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
        // Messages published while the connection was down are lost: reload everything when it comes back.
        redis.ConnectionRestored += (_, _) => _changes.Writer.TryWrite(ReloadAll);
        _changes.Writer.TryWrite(ReloadAll);
        using var timer = new Timer(_ => _changes.Writer.TryWrite(ReloadAll), null,
            TimeSpan.FromSeconds(options.Value.FullRefreshSeconds), TimeSpan.FromSeconds(options.Value.FullRefreshSeconds));

        await foreach (var change in _changes.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                var before = index.Version;
                if (change.All)
                {
                    // A write's own refresh may reach the index while this reads everything (an agent saves a reply
                    // just as Redis comes back): read again rather than put the older read over it.
                    var first = !index.Loaded;
                    IReadOnlyList<CannedReply> all = [];
                    for (var attempt = 1; attempt <= 3; attempt++)
                    {
                        var writes = index.Writes;
                        all = await store.LoadAllAsync(stoppingToken);
                        if (index.TryReplaceAll(all, writes)) break;
                    }
                    if (first && index.Loaded) CannedReplyLog.IndexLoaded(logger, all.Count);
                }
                else
                {
                    index.Apply(change.Ids, await store.LoadAsync(change.Ids, stoppingToken), change.UsageOnly);
                }
                if (index.Version != before) notifier.Publish(index.Version);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or JsonException)
            {
                CannedReplyLog.RefreshFailed(logger, ex);
            }
        }
    }

    private static readonly RedisChannel ChangedChannel = RedisChannel.Literal(CannedReplyKeys.ChangedChannel);

    private Task SubscribeAsync() => redis.GetSubscriber().SubscribeAsync(ChangedChannel, OnChangeMessage);

    private async Task UnsubscribeQuietlyAsync()
    {
        try
        {
            await redis.GetSubscriber().UnsubscribeAsync(ChangedChannel, OnChangeMessage, CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Still down: nothing reached the server, and the local handler is removed before the command is sent.
        }
    }

    // One handler instance for every attempt, so that unsubscribing removes exactly what an attempt added.
    private void OnChangeMessage(RedisChannel _, RedisValue message)
    {
        try
        {
            _changes.Writer.TryWrite(JsonSerializer.Deserialize<CannedReplyChange>(message.ToString(), RedisCannedReplyStore.Json)!);
        }
        catch (JsonException ex)
        {
            CannedReplyLog.BadChangeMessage(logger, ex);
            _changes.Writer.TryWrite(ReloadAll);
        }
    }
}
