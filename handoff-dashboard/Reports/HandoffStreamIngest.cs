using System.Text.Json;
using ChatSupport.HandoffContract;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.HandoffDashboard.Reports;

/// <summary>
/// Reads both handoff streams with the dashboard's own consumer group <see cref="StreamKeys.ReportsGroup"/>
/// (so several dashboard instances share the work and each entry is handled once), hands each event to every
/// <see cref="IHandoffEventSink"/>, and acknowledges it afterwards. Reads are non-blocking XREADGROUP calls (the contract's <see cref="HandoffStreamReader"/>) woken by the streams' pub/sub channels,
/// with a slow poll as a safety net. Entries left pending by a crashed instance are claimed after
/// <see cref="ReportsOptions.ClaimIdleAfter"/>.
/// </summary>
internal sealed class HandoffStreamIngest(
    IConnectionMultiplexer redis,
    IEnumerable<IHandoffEventSink> sinks,
    IOptions<ReportsOptions> options,
    ILogger<HandoffStreamIngest> logger) : BackgroundService
{
    private static readonly (string Key, string Name, string WakeUp)[] Streams =
    [
        (HandoffKeys.ToDashboardStream, "to-dashboard", HandoffKeys.ToDashboardWakeUpChannel),
        (HandoffKeys.ToBotStream, "to-bot", HandoffKeys.ToBotWakeUpChannel),
    ];

    // At most 40 characters; shorter when the machine name and process id are short (a fixed [..40] threw then).
    private readonly string _consumer = Truncate($"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}", 40);

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
    private readonly SemaphoreSlim _wakeUp = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.IngestEnabled) return;
        ReportsLog.IngestStarted(logger, _consumer, StreamKeys.ReportsGroup);

        var subscriber = redis.GetSubscriber();
        foreach (var stream in Streams)
        {
            try
            {
                await subscriber.SubscribeAsync(RedisChannel.Literal(stream.WakeUp), (_, _) => Signal());
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // The poll below still reads everything; wake-ups only make it faster.
                ReportsLog.LoopFailed(logger, ex);
            }
        }

        var nextClaim = DateTime.UtcNow;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var claim = DateTime.UtcNow >= nextClaim;
                if (claim) nextClaim = DateTime.UtcNow + settings.ClaimIdleAfter / 2;
                var handled = await ReadOnceAsync(claim, stoppingToken);
                if (handled > 0) continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                ReportsLog.LoopFailed(logger, ex);
            }
            try
            {
                await _wakeUp.WaitAsync(settings.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        await LeaveGroupAsync();
    }

    // Each start is a new consumer name; leaving keeps the group's consumer list short. A consumer that still
    // has pending entries stays, so those entries can be claimed by another instance rather than dropped.
    private async Task LeaveGroupAsync()
    {
        try
        {
            foreach (var stream in Streams)
            {
                await redis.GetDatabase().ScriptEvaluateAsync("""
                    local ok, p = pcall(redis.call, 'XPENDING', KEYS[1], ARGV[1], '-', '+', 1, ARGV[2])
                    if ok and #p == 0 then redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], ARGV[2]) end
                    return 1
                    """, [stream.Key], [StreamKeys.ReportsGroup, _consumer]);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            ReportsLog.LoopFailed(logger, ex);
        }
    }

    private void Signal()
    {
        if (_wakeUp.CurrentCount == 0) _wakeUp.Release();
    }

    /// <summary>
    /// Reads one batch from both streams, hands it to the sinks, acknowledges it. Returns entries read. Sinks must
    /// not depend on the order of delivery: another instance may be handling the same conversation's other
    /// events at the same moment (see <see cref="ReportIndexer"/>).
    /// </summary>
    internal async Task<int> ReadOnceAsync(bool claimStale, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var db = redis.GetDatabase();
        var batch = new List<(string Key, HandoffStreamEntry Entry)>();
        var unreadable = new List<(string Key, string Id)>();
        foreach (var stream in Streams)
        {
            if (claimStale)
            {
                var claimed = await ReadAsync(db, stream.Key, "claim", settings, _consumer, cancellationToken);
                if (claimed.Count > 0) ReportsLog.Claimed(logger, stream.Name, claimed.Count);
                Collect(stream, claimed, batch, unreadable);
            }
            Collect(stream, await ReadAsync(db, stream.Key, ">", settings, _consumer, cancellationToken), batch, unreadable);
        }

        var done = new List<(string Key, string Id)>(unreadable);
        foreach (var (key, entry) in batch.OrderBy(b => b.Entry.Event.At))
        {
            try
            {
                foreach (var sink in sinks)
                {
                    await sink.HandleAsync(entry, cancellationToken);
                }
                done.Add((key, entry.EntryId));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Left pending: claimed again after ClaimIdleAfter.
                ReportsLog.EventFailed(logger, entry.Stream, entry.EntryId, ex);
            }
        }
        foreach (var group in done.GroupBy(d => d.Key))
        {
            await HandoffStreamReader.AcknowledgeAsync(db, group.Key, StreamKeys.ReportsGroup, group.Select(g => g.Id));
        }
        return batch.Count + unreadable.Count;
    }

    // Through the contract's reader; the group is created on first use at id 0 (reports count the streams' whole history).
    private static async Task<IReadOnlyList<HandoffStreamRead>> ReadAsync(IDatabase db, string key, string id, ReportsOptions settings, string consumer,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return id == "claim"
            ? await HandoffStreamReader.ClaimIdleAsync(db, key, StreamKeys.ReportsGroup, consumer, settings.ClaimIdleAfter, settings.BatchSize)
            : await HandoffStreamReader.ReadGroupAsync(db, key, StreamKeys.ReportsGroup, consumer, id, settings.BatchSize, createGroupAt: "0");
    }

    private void Collect((string Key, string Name, string WakeUp) stream, IReadOnlyList<HandoffStreamRead> read,
        List<(string, HandoffStreamEntry)> batch, List<(string, string)> unreadable)
    {
        foreach (var entry in read)
        {
            if (entry.Event is { } e)
            {
                batch.Add((stream.Key, new HandoffStreamEntry(stream.Name, entry.Id, e)));
                continue;
            }
            // Nothing can ever make it readable: acknowledge so it does not block or retry forever.
            ReportsLog.UnreadableEvent(logger, stream.Name, entry.Id, new JsonException(entry.Error));
            unreadable.Add((stream.Key, entry.Id));
        }
    }
}
