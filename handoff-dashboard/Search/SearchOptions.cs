using System.ComponentModel.DataAnnotations;

namespace ChatSupport.HandoffDashboard.Search;

/// <summary>Section "Search": this instance's conversation index.</summary>
public sealed class SearchOptions
{
    public const string SectionName = "Search";

    /// <summary>Off for tools that do not serve search (the index and its feed are then not started).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Folder for this instance's index files. Empty: a new folder under the temp directory, removed on stop (the
    /// index is rebuilt from Redis at every start, so nothing in it needs to survive).
    /// </summary>
    public string? IndexPath { get; set; }

    /// <summary>Fallback read of the streams when a pub/sub wake-up was lost.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    [Range(1, 5000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Conversations loaded from Redis at once during a rebuild.</summary>
    [Range(1, 5000)]
    public int RebuildChunk { get; set; } = 200;

    [Range(1, 100)]
    public int MaxResults { get; set; } = 50;

    [Range(1, 200)]
    public int MaxQueryLength { get; set; } = 100;
}
