using System.Diagnostics;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffContract.Keys;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.Search;

/// <summary>
/// Keeps THIS instance's <see cref="ConversationIndex"/> up to date. Every instance keeps its own index and reads
/// the streams itself (plain XREAD from where it started, no consumer group: each index needs every event), so any
/// instance answers a search from a complete index and no instance depends on another being up. At start it
/// rebuilds from Redis (every conversation record, its transcript, notes, labels, facts) while already following
/// the streams from the ends it took before the rebuild, so nothing written meanwhile is missed. An event only says
/// which conversation changed; the document is then rebuilt whole from Redis, so order and repeats do not matter.
/// </summary>
public sealed class SearchIndexFeed(
    IConnectionMultiplexer redis,
    ConversationIndex index,
    ConversationDocumentSource source,
    IOptions<SearchOptions> options,
    TimeProvider clock,
    ILogger<SearchIndexFeed> logger) : BackgroundService
{
    private static readonly string[] Streams = [HandoffKeys.ToDashboardStream, HandoffKeys.ToBotStream, SearchKeys.ChangesStream];
    private static readonly string[] WakeUps = [HandoffKeys.ToDashboardWakeUpChannel, HandoffKeys.ToBotWakeUpChannel, SearchKeys.ChangesWakeUpChannel];

    private readonly Dictionary<string, RedisValue> _cursors = [];
    private readonly SemaphoreSlim _wakeUp = new(0, 1);
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Lock _rebuildGate = new();
    private volatile bool _rebuilding;
    private Task _rebuild = Task.CompletedTask;

    public bool Rebuilding => _rebuilding;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var subscriber = redis.GetSubscriber();
        foreach (var channel in WakeUps)
        {
            try
            {
                await subscriber.SubscribeAsync(RedisChannel.Literal(channel), (_, _) => Wake());
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // Redis down at start: the poll below still reads everything once it is back; wake-ups only make it faster.
                SearchLog.FeedFailed(logger, ex, channel);
            }
        }
        // The streams' ends before the rebuild reads Redis: whatever is written after is read from the streams. Not in
        // StartAsync, so a Redis that is down at start does not hold up the host (the loop takes them once it is back).
        foreach (var stream in Streams)
        {
            try { _cursors[stream] = await Redis.RedisStreams.LastIdAsync(redis.GetDatabase(), stream); }
            catch (Exception ex) when (ex is RedisException or TimeoutException) { SearchLog.FeedFailed(logger, ex, stream); }
        }
        // Not awaited here: the streams are followed while the rebuild runs (the index answers meanwhile); the finally below awaits it.
        _ = StartRebuild(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var read = 0;
                foreach (var stream in Streams) read += await FollowOnceAsync(stream, stoppingToken);
                if (read == 0) await ((Task)_wakeUp.WaitAsync(options.Value.PollInterval, stoppingToken)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        finally
        {
            foreach (var channel in WakeUps)
            {
                try { await subscriber.UnsubscribeAsync(RedisChannel.Literal(channel)); }
                catch (Exception ex) when (ex is RedisException or TimeoutException) { SearchLog.FeedFailed(logger, ex, channel); }
            }
            await _rebuild.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Starts a rebuild from Redis unless one is running (the index keeps answering meanwhile).</summary>
    public Task StartRebuild(CancellationToken cancellationToken)
    {
        lock (_rebuildGate)
        {
            if (!_rebuild.IsCompleted) return _rebuild;
            _rebuilding = true;
            return _rebuild = Task.Run(() => RebuildAsync(cancellationToken), cancellationToken);
        }
    }

    private void Wake()
    {
        try { _wakeUp.Release(); }
        catch (SemaphoreFullException) { /* a read is already due */ }
    }

    private async Task<int> FollowOnceAsync(string stream, CancellationToken cancellationToken)
    {
        try
        {
            var db = redis.GetDatabase();
            if (!_cursors.TryGetValue(stream, out var cursor)) _cursors[stream] = cursor = await Redis.RedisStreams.LastIdAsync(db, stream);
            var entries = await db.StreamReadAsync(stream, cursor, options.Value.BatchSize);
            if (entries.Length == 0) return 0;
            var now = clock.GetUtcNow();
            var changed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                if (stream == SearchKeys.ChangesStream)
                {
                    if (entry["conversationId"] is { IsNullOrEmpty: false } id) changed.Add(id!);
                    continue;
                }
                var json = entry["event"];
                if (json.IsNullOrEmpty) continue;
                HandoffEvent e;
                try { e = HandoffEvent.FromJson(json!); }
                catch (System.Text.Json.JsonException) { continue; }
                await source.RecordFactsAsync(e);
                if (e.Kind == HandoffEventKinds.AgentReplied && !string.IsNullOrEmpty(e.Text))
                {
                    // The bot writes the transcript line once it delivered the reply; until then the event is the only copy.
                    source.Pending(e.ConversationId, new SearchLine(TranscriptSenders.Agent, e.AgentName, e.At, e.Text), now);
                }
                changed.Add(e.ConversationId);
            }
            await IndexAsync(changed, cancellationToken);
            _cursors[stream] = entries[^1].Id;
            return entries.Length;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            SearchLog.FeedFailed(logger, ex, stream);
            return 0;
        }
    }

    /// <summary>Reloads the conversations from Redis and replaces their documents (removes those whose record is gone).</summary>
    internal async Task IndexAsync(IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken)
    {
        if (conversationIds.Count == 0) return;
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            var ids = conversationIds.ToList();
            var documents = await Task.WhenAll(ids.Select(async id =>
            {
                try { return (id, doc: await source.LoadAsync(id, now), ok: true); }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    SearchLog.IndexFailed(logger, ex, id);
                    return (id, doc: (ConversationDocument?)null, ok: false);
                }
            }));
            foreach (var (id, doc, ok) in documents)
            {
                if (!ok) continue;
                if (doc is null) index.Delete(id);
                else index.Upsert(doc);
            }
            index.Refresh();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task RebuildAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var count = 0;
        try
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var chunk = new List<string>(options.Value.RebuildChunk);
            await foreach (var id in source.AllConversationIdsAsync().WithCancellation(cancellationToken))
            {
                if (!seen.Add(id)) continue;
                chunk.Add(id);
                if (chunk.Count < options.Value.RebuildChunk) continue;
                await IndexAsync(chunk, cancellationToken);
                count += chunk.Count;
                chunk = new List<string>(options.Value.RebuildChunk);
            }
            await IndexAsync(chunk, cancellationToken);
            count += chunk.Count;
            // Documents of conversations whose record has gone since the last build.
            var gone = index.AllIds().Where(id => !seen.Contains(id)).ToList();
            await IndexAsync(gone, cancellationToken);
            SearchLog.Rebuilt(logger, count, watch.ElapsedMilliseconds);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            SearchLog.RebuildFailed(logger, ex);
        }
        finally
        {
            _rebuilding = false;
        }
    }
}
