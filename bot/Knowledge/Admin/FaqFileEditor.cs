using System.Text;
using YamlDotNet.RepresentationModel;

namespace ChatSupport.Bot.Knowledge.Admin;

/// <summary>The outcome of an edit: the entry written, or why nothing was written (in Chinese: the admin reads it).</summary>
public sealed record FaqEditResult(bool Ok, FaqEntry? Entry, int Line, string? Reason, bool NotFound = false)
{
    public static FaqEditResult Fail(int line, string reason) => new(false, null, line, reason);
}

/// <summary>
/// Reads and writes FAQ files for the admin API. Every write is validated first (same parser as the loader, plus
/// id uniqueness against the served knowledge) and then written atomically (temp file + rename), so the watcher
/// never sees a half-written file and an invalid edit changes nothing.
/// </summary>
public sealed class FaqFileEditor(KnowledgeStore store)
{
    public string Folder => store.Folder;

    /// <summary>Maps an API path to a file inside the folder, or null when it is not an acceptable FAQ path.</summary>
    public string? Resolve(string relativePath)
    {
        relativePath = relativePath.Replace('\\', '/').Trim('/');
        if (relativePath.Length == 0 || !relativePath.EndsWith(".md", StringComparison.OrdinalIgnoreCase)) return null;
        var segments = relativePath.Split('/');
        if (segments.Any(s => s.Length == 0 || s == "." || s == ".." || s.StartsWith('_') || s.StartsWith('.'))) return null;
        var root = Path.GetFullPath(Folder);
        var full = Path.GetFullPath(Path.Combine(root, relativePath));
        return full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }

    public IReadOnlyList<object> List()
    {
        var snapshot = store.Current;
        var errors = snapshot.Errors.ToLookup(e => e.File);
        return snapshot.Files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => (object)new
        {
            path = f.Key,
            id = f.Value.Served?.Id,
            title = f.Value.Served?.Title,
            category = f.Value.Served?.Category,
            questionCount = f.Value.Served?.Questions.Count ?? 0,
            errors = errors[f.Key].Select(e => new { e.Line, Reason = e.Explanation, Detail = e.Reason }).ToList(),
        }).ToList();
    }

    public async Task<FaqEditResult> WriteAsync(string relativePath, string content, CancellationToken cancellationToken)
    {
        var full = Resolve(relativePath);
        if (full is null) return FaqEditResult.Fail(0, "文件路径应为知识库文件夹内以 .md 结尾的相对路径，不能含 ..，各级名称不能以 _ 或 . 开头");
        relativePath = Path.GetRelativePath(Folder, full).Replace('\\', '/');
        FaqEntry entry;
        try
        {
            entry = FaqFileParser.Parse(content, relativePath);
        }
        catch (KnowledgeFormatException ex)
        {
            return FaqEditResult.Fail(ex.Line, ex.Explanation);
        }
        var clash = store.Current.Entries.FirstOrDefault(e => e.Id == entry.Id && e.RelativePath != relativePath);
        if (clash is not null) return FaqEditResult.Fail(1, $"id “{entry.Id}”已被 {clash.RelativePath} 使用，请换一个 id");

        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        // The temp name starts with '.', so the loader ignores it even if it sees it.
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        await File.WriteAllTextAsync(temp, content, new UTF8Encoding(false), cancellationToken);
        File.Move(temp, full, overwrite: true);
        await store.ReloadAsync(cancellationToken);
        return new FaqEditResult(true, entry, 0, null);
    }

    /// <summary>Adds an alternate phrasing to the FAQ with this id (no-op when it is already there).</summary>
    public async Task<FaqEditResult> AddQuestionAsync(string faqId, string question, CancellationToken cancellationToken)
    {
        question = question.Trim();
        if (question.Length == 0 || question.Length > 200) return FaqEditResult.Fail(0, "问题应为 1 到 200 个字");
        var entry = store.Current.Find(faqId);
        if (entry is null) return new FaqEditResult(false, null, 0, $"没有 id 为“{faqId}”的问答（可能已被删除或改名）", NotFound: true);
        var full = Path.Combine(Folder, entry.RelativePath);
        var content = await File.ReadAllTextAsync(full, cancellationToken);
        var updated = AddQuestionToFrontMatter(content, question, out var error);
        if (updated is null) return FaqEditResult.Fail(1, error!);
        return await WriteAsync(entry.RelativePath, updated, cancellationToken);
    }

    /// <summary>Rewrites the front matter with the question appended to `questions`; the answer text is kept byte for byte.</summary>
    public static string? AddQuestionToFrontMatter(string content, string question, out string? error)
    {
        error = null;
        var normalized = content.Replace("\r\n", "\n");
        if (normalized.StartsWith('\uFEFF')) normalized = normalized[1..];
        var lines = normalized.Split('\n');
        var end = lines.Length > 0 && lines[0].Trim() == "---" ? Array.FindIndex(lines, 1, l => l.Trim() == "---") : -1;
        if (end < 0)
        {
            error = "这条问答的文件缺少有效的 front matter，请先修正文件";
            return null;
        }
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(string.Join('\n', lines[1..end])));
        }
        catch (YamlDotNet.Core.YamlException)
        {
            error = "这条问答的文件 front matter 格式有误，请先修正文件";
            return null;
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map)
        {
            error = "这条问答的文件 front matter 不是“字段: 内容”的形式，请先修正文件";
            return null;
        }
        var key = new YamlScalarNode("questions");
        if (!map.Children.TryGetValue(key, out var node) || node is not YamlSequenceNode seq)
        {
            seq = new YamlSequenceNode();
            if (map.Children.TryGetValue(key, out var old) && old is YamlScalarNode { Value: { Length: > 0 } single })
                seq.Add(new YamlScalarNode(single));
            map.Children[key] = seq;
        }
        if (seq.Children.OfType<YamlScalarNode>().Any(s => s.Value == question)) return content;
        seq.Style = YamlDotNet.Core.Events.SequenceStyle.Block;
        seq.Add(new YamlScalarNode(question));
        var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        var yaml = writer.ToString().Replace("\r\n", "\n").TrimEnd();
        // YamlStream.Save ends documents with "...": not part of front matter.
        if (yaml.EndsWith("...", StringComparison.Ordinal)) yaml = yaml[..^3].TrimEnd();
        var body = string.Join('\n', lines[(end + 1)..]);
        return $"---\n{yaml}\n---\n{body}";
    }
}
