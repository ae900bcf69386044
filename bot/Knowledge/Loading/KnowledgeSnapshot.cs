using ChatSupport.Bot.Knowledge.Matching;

namespace ChatSupport.Bot.Knowledge;

/// <summary>One loaded version of the knowledge folder. Immutable; hot reload swaps a new one in atomically.</summary>
public sealed class KnowledgeSnapshot
{
    public required FaqIndex Index { get; init; }

    /// <summary>The decision thresholds learnt from this folder (explicit Routing settings override them).</summary>
    public DecisionCalibration Calibration { get; init; } = DecisionCalibration.Default;
    public required IReadOnlyList<KnowledgeFileError> Errors { get; init; }
    public required DateTimeOffset LoadedAt { get; init; }
    public required TimeSpan LoadDuration { get; init; }

    /// <summary>Bytes allocated while this snapshot was loaded (process-wide, so traffic during the load counts too; for figures).</summary>
    public long AllocatedBytes { get; init; }
    public required string Folder { get; init; }
    public required bool FolderExists { get; init; }

    /// <summary>Files currently served from their last good version because the file on disk is broken.</summary>
    public required IReadOnlyList<string> ServedFromLastGood { get; init; }

    /// <summary>Per file (relative path): the entry being served, for the next load's last-good fallback.</summary>
    internal IReadOnlyDictionary<string, LoadedFile> Files { get; init; } = new Dictionary<string, LoadedFile>();

    public IReadOnlyList<FaqEntry> Entries => Index.Faqs;

    public FaqEntry? Find(string id) => Index.Faqs.FirstOrDefault(f => f.Id == id);
}

/// <summary>A file as last read: its stamp (to skip unchanged files) and the entry served for it, if any.</summary>
internal sealed record LoadedFile(DateTime LastWriteUtc, long Length, FaqEntry? Parsed, KnowledgeFileError? Error, FaqEntry? LastGood)
{
    public FaqEntry? Served => Parsed ?? LastGood;
}
