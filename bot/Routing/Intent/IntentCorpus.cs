using System.Reflection;
using System.Text;
using System.Text.Json;

namespace ChatSupport.Bot.Routing.Intent;

/// <summary>One labelled shopper message of the intent corpus.</summary>
public sealed record IntentExample(string Text, ShopperIntent Intent, string Script, string Category);

/// <summary>
/// The labelled shopper messages the intent classifier learns from (bot/Routing/Intent/Corpus/*.jsonl, compiled into
/// the bot so the live bot, `eval` and the tests train on the same lines), and the deterministic held-out part that
/// training never sees (<see cref="IsHeldOut"/>): about 15% of the lines, chosen by a stable hash of the text, so
/// adding lines never moves an old line between the two parts.
/// </summary>
public static class IntentCorpus
{
    public const int HeldOutPercent = 15;
    private const string ResourcePrefix = "ChatSupport.Bot.Routing.Intent.Corpus.";

    private static readonly Lazy<IReadOnlyList<IntentExample>> Embedded = new(LoadEmbedded);

    /// <summary>The corpus compiled into the bot.</summary>
    public static IReadOnlyList<IntentExample> Shipped => Embedded.Value;

    public static IEnumerable<IntentExample> Training(IEnumerable<IntentExample> all) => all.Where(e => !IsHeldOut(e.Text));

    public static IEnumerable<IntentExample> HeldOut(IEnumerable<IntentExample> all) => all.Where(e => IsHeldOut(e.Text));

    /// <summary>FNV-1a over the UTF-8 text: the same answer on every machine and every run (string.GetHashCode is randomised).</summary>
    public static bool IsHeldOut(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 16777619u;
        }
        return hash % 100 < HeldOutPercent;
    }

    /// <summary>Reads every *.jsonl file of a folder (sorted by name, so the order and the model are deterministic).</summary>
    public static IReadOnlyList<IntentExample> LoadFolder(string folder)
    {
        var examples = new List<IntentExample>();
        foreach (var file in Directory.GetFiles(folder, "*.jsonl").OrderBy(f => f, StringComparer.Ordinal))
        {
            using var reader = new StreamReader(file, Encoding.UTF8);
            Read(reader, Path.GetFileName(file), examples);
        }
        return examples;
    }

    private static IReadOnlyList<IntentExample> LoadEmbedded()
    {
        var assembly = typeof(IntentCorpus).Assembly;
        var examples = new List<IntentExample>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            Read(reader, name[ResourcePrefix.Length..], examples);
        }
        if (examples.Count == 0) throw new InvalidOperationException("the intent corpus is not compiled into the bot (bot/Routing/Intent/Corpus/*.jsonl)");
        return examples;
    }

    /// <summary>A line that is not a labelled example is a corpus defect: fail loudly with the file and line.</summary>
    private static void Read(TextReader reader, string source, List<IntentExample> into)
    {
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                var text = root.GetProperty("text").GetString();
                var label = root.GetProperty("intent").GetString();
                if (string.IsNullOrWhiteSpace(text) || !ShopperIntentNames.TryParse(label, out var intent))
                    throw new FormatException($"needs a non-empty \"text\" and an \"intent\" of {string.Join(", ", ShopperIntentNames.All.Select(i => i.ToWireName()))}");
                var script = root.TryGetProperty("script", out var s) ? s.GetString() ?? "" : "";
                var category = root.TryGetProperty("category", out var c) ? c.GetString() ?? "" : "";
                into.Add(new IntentExample(text, intent, script, category));
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
            {
                throw new FormatException($"intent corpus {source} line {lineNumber}: {ex.Message}", ex);
            }
        }
    }
}
