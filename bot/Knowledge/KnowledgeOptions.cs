using System.ComponentModel.DataAnnotations;
using ChatSupport.Bot.Knowledge.Matching;

namespace ChatSupport.Bot.Knowledge;

/// <summary>Section "Knowledge": where the FAQ folder is, how it is watched, and the optional embeddings endpoint (the chat model is section ModelAssist).</summary>
public sealed class KnowledgeOptions
{
    public const string SectionName = "Knowledge";

    /// <summary>The knowledge folder; relative paths resolve against the current directory.</summary>
    [Required]
    public string Path { get; set; } = "knowledge";

    /// <summary>Changes are collected for this long before a reload (editors write a file in several steps).</summary>
    [Range(0, 1500)]
    public int ReloadDebounceMilliseconds { get; set; } = 200;

    /// <summary>Safety net for missed watcher events (network volumes, a folder created later).</summary>
    [Range(200, 600_000)]
    public int PollMilliseconds { get; set; } = 1000;

    public MatcherWeights Matcher { get; set; } = new();

    /// <summary>Optional OpenAI-compatible embeddings endpoint; when unset the local generator is used.</summary>
    public AiEndpointOptions Embeddings { get; set; } = new() { Model = "text-embedding-3-small" };

    public string ResolvedPath() => System.IO.Path.GetFullPath(Path, Directory.GetCurrentDirectory());
}

public sealed class AiEndpointOptions
{
    public bool Enabled { get; set; }
    public string? Endpoint { get; set; }
    public string? ApiKey { get; set; }
    public string Model { get; set; } = "";

    [Range(100, 60_000)]
    public int TimeoutMilliseconds { get; set; } = 5000;

    public bool IsConfigured => Enabled && Uri.TryCreate(Endpoint, UriKind.Absolute, out _);
}
