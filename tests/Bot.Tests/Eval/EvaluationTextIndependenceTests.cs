using System.Text;
using System.Text.Json;
using ChatSupport.TestSupport;

namespace ChatSupport.Bot.Tests.Eval;

/// <summary>
/// The development sets in ../shared measure the answer engine; a message of theirs copied into the code, the intent
/// corpus, a lexicon, a test or our own check sets would make their figures measure the copy instead. This test reads
/// every message of ../shared/eval-*/questions.jsonl and fails when one of eight or more characters (spaces and
/// punctuation ignored on both sides) appears inside a source, data or documentation file of the repository.
/// </summary>
public sealed class EvaluationTextIndependenceTests
{
    // Shorter messages ("包邮吗", "在吗") are ordinary phrases any corpus has; eight characters is where a match stops
    // being a coincidence.
    private const int MinimumLength = 8;

    private static readonly string[] ScannedFolders = ["bot", "handoff-dashboard", "tests", "knowledge"];

    private static readonly HashSet<string> TextExtensions =
        [".cs", ".jsonl", ".json", ".yml", ".yaml", ".md", ".txt", ".js", ".mjs", ".html", ".css", ".sh", ".py", ".lua"];

    // Generated tables (character maps) are no shopper text and are large; skipping them keeps the scan quick.
    private static readonly HashSet<string> GeneratedTables = ["t2s-table.txt", "s2t-table.txt", "pinyin-table.txt"];

    [Fact]
    public void NoDevelopmentSetMessageIsCopiedIntoTheRepository()
    {
        var sets = Directory.Exists(RepositoryPaths.Shared)
            ? Directory.GetDirectories(RepositoryPaths.Shared, "eval-*").Select(d => Path.Combine(d, "questions.jsonl")).Where(File.Exists).ToList()
            : [];
        Assert.True(sets.Count > 0, $"no evaluation set found under {RepositoryPaths.Shared} (CI clones the repository with ../shared beside it)");

        var messages = sets.SelectMany(ReadMessages).Select(Squeeze).Where(m => m.Length >= MinimumLength).ToHashSet(StringComparer.Ordinal);
        var copies = new List<string>();
        foreach (var file in RepositoryTextFiles())
        {
            var content = Squeeze(File.ReadAllText(file));
            foreach (var message in messages)
            {
                if (content.Contains(message, StringComparison.Ordinal))
                    copies.Add($"{Path.GetRelativePath(RepositoryPaths.Root, file)}: {message}");
            }
        }
        Assert.True(copies.Count == 0, "development-set messages inside the repository (write a sentence of the same shape instead):\n" + string.Join("\n", copies));
    }

    [Fact]
    public void TheComparisonIgnoresSpacingAndPunctuationButNotWords()
    {
        Assert.Equal("亲请问发什么快递呀", Squeeze("亲，请问 发什么快递呀？"));
        Assert.Contains(Squeeze("亲 请问发什么快递呀"), Squeeze("\"text\": \"亲，请问发什么快递呀？\""));
        Assert.DoesNotContain(Squeeze("亲 请问发什么快递呀"), Squeeze("亲 请问你们发什么快递呀"));
    }

    private static IEnumerable<string> ReadMessages(string path) =>
        File.ReadLines(path).Where(l => l.Trim().Length > 0).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString() ?? "");

    private static IEnumerable<string> RepositoryTextFiles()
    {
        foreach (var folder in ScannedFolders)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, folder), "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(RepositoryPaths.Root, file).Replace('\\', '/');
                if (relative.Contains("/bin/") || relative.Contains("/obj/") || relative.Contains("node_modules/") || relative.Contains("/wwwroot/lib/")) continue;
                if (!TextExtensions.Contains(Path.GetExtension(file)) || GeneratedTables.Contains(Path.GetFileName(file))) continue;
                yield return file;
            }
        }
    }

    /// <summary>The text without whitespace, punctuation and symbols, so that a copy with other spacing still matches.</summary>
    private static string Squeeze(string text)
    {
        var kept = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c)) kept.Append(c);
        }
        return kept.ToString();
    }
}
