using System.Text.Json;
using ChatSupport.HandoffContract;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.Reports;

/// <summary>
/// Reads both handoff streams with the dashboard's own consumer group <see cref="ReportKeys.ConsumerGroup"/>
/// (so several dashboard instances share the work and each entry is handled once), hands each event to every
/// <see cref="IHandoffEventSink"/>, and acknowledges it afterwards. StackExchange.Redis 1.2.6 has no stream
/// API and Lua cannot block, so reads are non-blocking XREADGROUP calls woken by the streams' pub/sub channels,
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

    // Creates the group on first use (id 0: reports count the streams' whole history).
    private const string ReadScript = """
        local function read()
          if ARGV[4] == 'claim' then
            local c = redis.call('XAUTOCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[5], '0-0', 'COUNT', ARGV[3])
            return c[2]
          end
          local r = redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', ARGV[3], 'STREAMS', KEYS[1], ARGV[4])
          if not r then return {} end
          return r[1][2]
        end
        local ok, res = pcall(read)
        if ok then return res end
        if string.find(tostring(res.err or res), 'NOGROUP') then
          redis.call('XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM')
          return read()
        end
        return redis.error_reply(tostring(res.err or res))
        """;

    // At most 40 characters; shorter when the machine name and process id are short (a fixed [..40] threw then).
    private readonly string _consumer = Truncate($"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}", 40);

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
    private readonly SemaphoreSlim _wakeUp = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.IngestEnabled) return;
        ReportsLog.IngestStarted(logger, _consumer, ReportKeys.ConsumerGroup);

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
                    """, [stream.Key], [ReportKeys.ConsumerGroup, _consumer]);
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
                var claimed = await ReadAsync(db, stream.Key, "claim", settings, cancellationToken);
                if (claimed.Count > 0) ReportsLog.Claimed(logger, stream.Name, claimed.Count);
                Collect(stream, claimed, batch, unreadable);
            }
            Collect(stream, await ReadAsync(db, stream.Key, ">", settings, cancellationToken), batch, unreadable);
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
            await db.ScriptEvaluateAsync("return redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, 2))",
                [group.Key], [ReportKeys.ConsumerGroup, .. group.Select(g => (RedisValue)g.Id)]);
        }
        return batch.Count + unreadable.Count;
    }

    private async Task<RedisResult[]> ReadAsyncCore(IDatabase db, string key, string id, ReportsOptions settings) =>
        (RedisResult[])(await db.ScriptEvaluateAsync(ReadScript, [key],
            [ReportKeys.ConsumerGroup, _consumer, settings.BatchSize, id, (long)settings.ClaimIdleAfter.TotalMilliseconds]))!;

    private async Task<List<(string Id, string? Json)>> ReadAsync(IDatabase db, string key, string id, ReportsOptions settings, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var list = new List<(string, string?)>();
        foreach (var raw in await ReadAsyncCore(db, key, id, settings))
        {
            var parts = (RedisResult[])raw!;
            var entryId = (string)parts[0]!;
            string? json = null;
            if (!parts[1].IsNull)
            {
                var fields = (RedisResult[])parts[1]!;
                for (var i = 0; i + 1 < fields.Length; i += 2)
                {
                    if ((string)fields[i]! == "event") json = (string)fields[i + 1]!;
                }
            }
            list.Add((entryId, json));
        }
        return list;
    }

    private void Collect((string Key, string Name, string WakeUp) stream, List<(string Id, string? Json)> read,
        List<(string, HandoffStreamEntry)> batch, List<(string, string)> unreadable)
    {
        foreach (var (id, json) in read)
        {
            try
            {
                if (json is null) throw new JsonException("entry has no event field (deleted or foreign)");
                batch.Add((stream.Key, new HandoffStreamEntry(stream.Name, id, HandoffEvent.FromJson(json))));
            }
            catch (JsonException ex)
            {
                // Nothing can ever make it readable: acknowledge so it does not block or retry forever.
                ReportsLog.UnreadableEvent(logger, stream.Name, id, ex);
                unreadable.Add((stream.Key, id));
            }
        }
    }
}
