using System.Collections.Concurrent;
using System.Diagnostics;
using ChatSupport.Bot.Knowledge.Matching;
using ChatSupport.Bot.Knowledge.Normalization;
using Microsoft.Extensions.AI;

namespace ChatSupport.Bot.Knowledge;

/// <summary>
/// Reads a knowledge folder into a <see cref="KnowledgeSnapshot"/>. Unchanged files are reused from the previous
/// snapshot; a broken file is reported (file, line, reason) and its last good version keeps serving.
/// </summary>
public sealed class KnowledgeLoader(IEmbeddingGenerator<string, Embedding<float>> embeddings, Microsoft.Extensions.Options.IOptions<KnowledgeOptions>? options = null)
{
    private const string Unreadable = "文件暂时无法读取（可能正在保存，或没有读取权限）；机器人继续使用上一版";
    private readonly MatcherWeights _weights = options?.Value.Matcher ?? new MatcherWeights();

    public const string SynonymsFileName = "_synonyms.yml";

    public async Task<KnowledgeSnapshot> LoadAsync(string folder, KnowledgeSnapshot? previous, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var now = DateTimeOffset.UtcNow;
        var errors = new List<KnowledgeFileError>();
        var synonyms = SynonymTable.BuiltIn;
        var exists = Directory.Exists(folder);
        var files = new ConcurrentDictionary<string, LoadedFile>(StringComparer.Ordinal);

        if (exists)
        {
            var synonymsPath = Path.Combine(folder, SynonymsFileName);
            if (File.Exists(synonymsPath))
            {
                try
                {
                    synonyms = synonyms.Extend(SynonymTable.ParseGroups(await File.ReadAllTextAsync(synonymsPath, cancellationToken), SynonymsFileName));
                }
                catch (KnowledgeFormatException ex)
                {
                    errors.Add(new KnowledgeFileError(SynonymsFileName, ex.Line, ex.Reason, now, ex.Explanation));
                    synonyms = previous?.Index.Synonyms ?? synonyms;
                }
            }

            var paths = EnumerateFaqFiles(folder);
            Parallel.ForEach(paths, new ParallelOptions { CancellationToken = cancellationToken }, path =>
            {
                var relative = Path.GetRelativePath(folder, path).Replace('\\', '/');
                files[relative] = ReadFile(path, relative, previous, now);
            });
        }

        // Duplicate ids: the first file in path order keeps the id; later ones are errors (served from their
        // last good version when that one had a different id).
        var entries = new List<FaqEntry>();
        var byId = new Dictionary<string, string>(StringComparer.Ordinal);
        var fromLastGood = new List<string>();
        var final = new Dictionary<string, LoadedFile>(StringComparer.Ordinal);
        foreach (var (relative, file) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var current = file;
            if (current.Parsed is { } parsed && byId.TryGetValue(parsed.Id, out var owner))
            {
                current = current with
                {
                    Parsed = null,
                    Error = new KnowledgeFileError(relative, 1, $"duplicate id '{parsed.Id}' (already used by {owner})", now,
                        $"id “{parsed.Id}”已被 {owner} 使用，请换一个 id"),
                };
            }
            if (current.Error is { } error) errors.Add(error);
            if (current.Served is { } served && !byId.ContainsKey(served.Id))
            {
                byId[served.Id] = relative;
                entries.Add(served);
                if (current.Parsed is null) fromLastGood.Add(relative);
            }
            final[relative] = current;
        }

        var index = await FaqIndex.BuildAsync(entries, synonyms, embeddings, cancellationToken);
        // Where right and wrong matches score on this folder: the router's thresholds unless set explicitly.
        var calibration = await DecisionCalibrator.CalibrateAsync(index, _weights, embeddings, cancellationToken);
        return new KnowledgeSnapshot
        {
            Index = index,
            Calibration = calibration,
            Errors = errors,
            LoadedAt = now,
            LoadDuration = watch.Elapsed,
            AllocatedBytes = GC.GetTotalAllocatedBytes() - allocatedBefore,
            Folder = folder,
            FolderExists = exists,
            ServedFromLastGood = fromLastGood,
            Files = final,
        };
    }

    private static LoadedFile ReadFile(string path, string relative, KnowledgeSnapshot? previous, DateTimeOffset now)
    {
        var info = new FileInfo(path);
        LoadedFile? before = null;
        previous?.Files.TryGetValue(relative, out before);
        if (before is not null && before.LastWriteUtc == info.LastWriteTimeUtc && before.Length == info.Length && before.Error is null)
            return before;
        var lastGood = before?.Served;
        try
        {
            var entry = FaqFileParser.Parse(File.ReadAllText(path), relative);
            return new LoadedFile(info.LastWriteTimeUtc, info.Length, entry, null, entry);
        }
        catch (KnowledgeFormatException ex)
        {
            return new LoadedFile(info.LastWriteTimeUtc, info.Length, null, new KnowledgeFileError(relative, ex.Line, ex.Reason, now, ex.Explanation), lastGood);
        }
        catch (IOException ex)
        {
            // Being written right now (editors replace files): keep the last good version; the next change event reloads.
            return new LoadedFile(info.LastWriteTimeUtc, -1, null, new KnowledgeFileError(relative, 0, "could not be read: " + ex.Message, now, Unreadable), lastGood);
        }
        catch (UnauthorizedAccessException ex)
        {
            return new LoadedFile(info.LastWriteTimeUtc, -1, null, new KnowledgeFileError(relative, 0, "could not be read: " + ex.Message, now, Unreadable), lastGood);
        }
    }

    /// <summary>*.md at any depth, skipping files and folders whose name starts with '_' or '.'.</summary>
    public static List<string> EnumerateFaqFiles(string folder)
    {
        var result = new List<string>();
        var pending = new Stack<string>();
        pending.Push(folder);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            IEnumerable<string> subdirs, mdFiles;
            try
            {
                subdirs = Directory.EnumerateDirectories(dir).ToList();
                mdFiles = Directory.EnumerateFiles(dir, "*.md").ToList();
            }
            catch (DirectoryNotFoundException)
            {
                continue;
            }
            foreach (var sub in subdirs)
                if (!IsHidden(Path.GetFileName(sub))) pending.Push(sub);
            foreach (var file in mdFiles)
                if (!IsHidden(Path.GetFileName(file))) result.Add(file);
        }
        return result;
    }

    private static bool IsHidden(string name) => name.StartsWith('_') || name.StartsWith('.');
}
