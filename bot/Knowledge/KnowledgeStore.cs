using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.Knowledge;

/// <summary>
/// Holds the current <see cref="KnowledgeSnapshot"/> and keeps it fresh: a file watcher (debounced) plus a
/// cheap periodic check of the folder's stamp. Reloads build a complete new snapshot off to the side and swap
/// it in with one reference write, so there is never a moment without an index to answer from.
/// </summary>
public sealed class KnowledgeStore : IKnowledgeSource, IDisposable
{
    private readonly KnowledgeLoader _loader;
    private readonly ILogger<KnowledgeStore> _logger;
    private readonly KnowledgeOptions _options;
    private readonly SemaphoreSlim _reloadLock = new(1, 1);
    private readonly Timer _debounce;
    private readonly Timer _poll;
    private FileSystemWatcher? _watcher;
    private volatile KnowledgeSnapshot _current;
    private string _stamp = "";
    private int _reloads;

    public KnowledgeStore(KnowledgeLoader loader, IOptions<KnowledgeOptions> options, ILogger<KnowledgeStore> logger)
    {
        _loader = loader;
        _logger = logger;
        _options = options.Value;
        Folder = _options.ResolvedPath();
        _stamp = ComputeStamp();
        _current = _loader.LoadAsync(Folder, null).GetAwaiter().GetResult();
        LoadGarbage.ReturnAfter(_current);
        Report(_current);
        _debounce = new Timer(_ => _ = ReloadAsync(), null, Timeout.Infinite, Timeout.Infinite);
        _poll = new Timer(_ => Poll(), null, _options.PollMilliseconds, _options.PollMilliseconds);
        StartWatcher();
    }

    public string Folder { get; }
    public KnowledgeSnapshot Current => _current;
    public int ReloadCount => _reloads;

    /// <summary>Raised after a new snapshot is in place.</summary>
    public event Action<KnowledgeSnapshot>? Reloaded;

    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        await _reloadLock.WaitAsync(cancellationToken);
        try
        {
            _stamp = ComputeStamp();
            var next = await _loader.LoadAsync(Folder, _current, cancellationToken);
            _current = next;
            LoadGarbage.ReturnAfter(next);
            Interlocked.Increment(ref _reloads);
            Report(next);
            Reloaded?.Invoke(next);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            KnowledgeLog.ReloadFailed(_logger, ex);
        }
        finally
        {
            _reloadLock.Release();
        }
    }

    private void Report(KnowledgeSnapshot snapshot)
    {
        if (!snapshot.FolderExists) KnowledgeLog.FolderMissing(_logger, Folder);
        else if (snapshot.Files.Count == 0) KnowledgeLog.FolderEmpty(_logger, Folder);
        foreach (var error in snapshot.Errors) KnowledgeLog.FileError(_logger, error.File, error.Line, error.Reason);
        foreach (var file in snapshot.ServedFromLastGood) KnowledgeLog.ServedFromLastGood(_logger, file);
        KnowledgeLog.Loaded(_logger, Folder, snapshot.Entries.Count, snapshot.Errors.Count, (long)snapshot.LoadDuration.TotalMilliseconds);
    }

    private void StartWatcher()
    {
        if (_watcher is not null || !Directory.Exists(Folder)) return;
        try
        {
            var watcher = new FileSystemWatcher(Folder)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            watcher.Changed += (_, _) => Schedule();
            watcher.Created += (_, _) => Schedule();
            watcher.Deleted += (_, _) => Schedule();
            watcher.Renamed += (_, _) => Schedule();
            watcher.Error += (_, _) => Schedule();
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException)
        {
            // inotify limits or an unusual file system: the poll keeps reloads working.
            KnowledgeLog.ReloadFailed(_logger, ex);
        }
    }

    private void Schedule() => _debounce.Change(_options.ReloadDebounceMilliseconds, Timeout.Infinite);

    private void Poll()
    {
        try
        {
            StartWatcher();
            if (ComputeStamp() != _stamp) Schedule();
        }
        catch (Exception ex)
        {
            KnowledgeLog.ReloadFailed(_logger, ex);
        }
    }

    /// <summary>Count, sizes and write times of the FAQ files and the synonyms file: changes when anything relevant changes.</summary>
    private string ComputeStamp()
    {
        if (!Directory.Exists(Folder)) return "missing";
        long hash = 17, count = 0;
        foreach (var path in KnowledgeLoader.EnumerateFaqFiles(Folder).Append(Path.Combine(Folder, KnowledgeLoader.SynonymsFileName)))
        {
            var info = new FileInfo(path);
            if (!info.Exists) continue;
            count++;
            hash = unchecked(hash * 31 + path.GetHashCode() + info.Length * 7 + info.LastWriteTimeUtc.Ticks);
        }
        return $"{count}:{hash}";
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce.Dispose();
        _poll.Dispose();
    }
}
