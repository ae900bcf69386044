namespace ChatSupport.HandoffDashboard.CannedReplies;

/// <summary>
/// This instance's in-memory copy of every canned reply, so a search never waits on Redis.
/// Replaced as a whole (copy on write) by <see cref="CannedReplyChangeListener"/>; readers take the
/// current snapshot without locks.
/// </summary>
public sealed class CannedReplyIndex
{
    /// <summary>The dictionary for lookups and an array of the same items for fast scans, swapped together.</summary>
    private sealed record Snapshot(IReadOnlyDictionary<string, IndexedReply> ById, IndexedReply[] All);

    private volatile Snapshot _snapshot = new(new Dictionary<string, IndexedReply>(), []);

    private IReadOnlyDictionary<string, IndexedReply> _items
    {
        get => _snapshot.ById;
        set => _snapshot = new Snapshot(value, value.Values.ToArray());
    }
    private readonly Lock _writeLock = new();

    /// <summary>Bumped on every change that pages should see (not on usage-only changes).</summary>
    public long Version { get; private set; }

    public bool Loaded { get; private set; }

    /// <summary>Moves on every write to the index, usage counts included (see <see cref="TryReplaceAll"/>).</summary>
    public long Writes { get; private set; }

    public int Count => _items.Count;

    public IReadOnlyList<IndexedReply> Items => _snapshot.All;

    public CannedReply? Find(string id) => _items.TryGetValue(id, out var item) ? item.Reply : null;

    /// <summary>Replaces everything; the version moves only when something differs (periodic reloads are usually no-ops).</summary>
    public void ReplaceAll(IReadOnlyList<CannedReply> replies, bool onlyIfNotLoaded = false)
    {
        lock (_writeLock)
        {
            if (onlyIfNotLoaded && Loaded) return;
            ReplaceAllLocked(replies);
        }
    }

    /// <summary>
    /// Replaces everything with a full read from Redis unless the index was written since <paramref name="writesBeforeRead"/>
    /// (<see cref="Writes"/> when the read began): a writer's own refresh that landed meanwhile is newer than that read,
    /// and replacing it would drop the writer's change until the next reload. False: read again.
    /// </summary>
    public bool TryReplaceAll(IReadOnlyList<CannedReply> replies, long writesBeforeRead)
    {
        lock (_writeLock)
        {
            if (Writes != writesBeforeRead) return false;
            ReplaceAllLocked(replies);
            return true;
        }
    }

    private void ReplaceAllLocked(IReadOnlyList<CannedReply> replies)
    {
        var current = _items;
        var same = Loaded && current.Count == replies.Count
            && replies.All(r => current.TryGetValue(r.Id, out var old) && old.Reply == r);
        if (same) return;
        _items = replies.ToDictionary(r => r.Id, r => current.TryGetValue(r.Id, out var old) && old.Reply == r ? old : new IndexedReply(r));
        Loaded = true;
        Version++;
        Writes++;
    }

    /// <summary>Loads from Redis when the background listener has not done so yet (first requests after start).</summary>
    public async Task EnsureLoadedAsync(RedisCannedReplyStore store, CancellationToken cancellationToken)
    {
        if (Loaded) return;
        ReplaceAll(await store.LoadAllAsync(cancellationToken), onlyIfNotLoaded: true);
    }

    /// <summary>Applies re-read records: <paramref name="ids"/> missing from <paramref name="current"/> were deleted.</summary>
    public void Apply(IReadOnlyList<string> ids, IReadOnlyList<CannedReply> current, bool usageOnly)
    {
        var indexed = current.Select(r => new IndexedReply(r)).ToList();
        lock (_writeLock)
        {
            var copy = new Dictionary<string, IndexedReply>(_items);
            foreach (var id in ids) copy.Remove(id);
            foreach (var item in indexed) copy[item.Reply.Id] = item;
            _items = copy;
            Writes++;
            if (!usageOnly) Version++;
        }
    }

    /// <summary>
    /// Re-reads the given ids right after this instance wrote them, so the writer's next read sees its own
    /// write without waiting for the pub/sub round trip (which still follows and updates every instance).
    /// </summary>
    public async Task RefreshAsync(RedisCannedReplyStore store, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        if (!Loaded) { await EnsureLoadedAsync(store, cancellationToken); return; }
        Apply(ids, await store.LoadAsync(ids, cancellationToken), usageOnly: false);
    }

    public IReadOnlyList<SearchHit> Search(string userId, string? query, int limit) =>
        CannedReplySearch.Search(_snapshot.All, userId, query, limit);

    public IReadOnlyList<CannedReply> VisibleTo(string userId) =>
        _snapshot.All.Select(i => i.Reply).Where(r => r.IsVisibleTo(userId))
            .OrderBy(r => CannedReplyCategories.Rank(r.Category)).ThenBy(r => r.Category, StringComparer.Ordinal).ThenBy(r => r.Order).ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
}
