using Markdig;
using YamlDotNet.RepresentationModel;

namespace ChatSupport.Bot.Knowledge;

/// <summary>Parses one FAQ file (Markdown with YAML front matter) per the knowledge contract.</summary>
public static class FaqFileParser
{
    /// <summary>Throws <see cref="KnowledgeFormatException"/> with the line and reason when the file is not a valid FAQ.</summary>
    public static FaqEntry Parse(string content, string relativePath)
    {
        relativePath = relativePath.Replace('\\', '/');
        if (content.Length > 0 && content[0] == '\uFEFF') content = content[1..];
        var lines = content.Replace("\r\n", "\n").Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
            throw new KnowledgeFormatException(1, "the file must start with YAML front matter between two '---' lines",
                "文件开头缺少 front matter：第一行应为 ---，标题和问题之后再用一行 --- 结束");
        var end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (end < 0)
            throw new KnowledgeFormatException(1, "the front matter is not closed by a '---' line",
                "front matter 没有结束：请在标题和问题之后加一行 ---");

        var yaml = string.Join('\n', lines[1..end]);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            // +1: the YAML starts on the line after the opening '---'.
            throw new KnowledgeFormatException((int)ex.Start.Line + 1, "invalid YAML: " + (ex.InnerException?.Message ?? ex.Message),
                "front matter 的格式有误，请检查这一行的冒号、括号和引号");
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner throws this (without a position) on some malformed flow collections.
            throw new KnowledgeFormatException(2, "invalid YAML (check brackets and quotes in the front matter): " + ex.Message,
                "front matter 的格式有误，请检查括号和引号是否成对");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map)
            throw new KnowledgeFormatException(2, "the front matter must be a YAML mapping with at least 'title'",
                "front matter 应为“字段: 内容”的形式，至少要有 title");

        string? title = null, id = null, category = null;
        var questions = new List<string>();
        var tags = new List<string>();
        foreach (var (keyNode, value) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var line = (int)keyNode.Start.Line + 1;
            switch (key)
            {
                case "title": title = Scalar(value, key, line); break;
                case "id": id = Scalar(value, key, line); break;
                case "category": category = Scalar(value, key, line); break;
                case "questions": questions = List(value, key, line); break;
                case "tags": tags = List(value, key, line); break;
                // Unknown keys are allowed (admins may keep notes such as `owner`), not an error.
            }
        }
        if (string.IsNullOrWhiteSpace(title))
            throw new KnowledgeFormatException(2, "missing required field 'title'", "缺少必填字段 title（这条问答的标题）");

        var answer = string.Join('\n', lines[(end + 1)..]).Trim();
        if (answer.Length == 0)
            throw new KnowledgeFormatException(end + 2, "the answer (Markdown after the front matter) is empty",
                "答案为空：请在第二个 --- 之后写上答案");

        var defaultId = relativePath.EndsWith(".md", StringComparison.OrdinalIgnoreCase) ? relativePath[..^3] : relativePath;
        var slash = relativePath.IndexOf('/');
        var defaultCategory = slash > 0 ? relativePath[..slash] : "general";
        var entry = new FaqEntry(
            string.IsNullOrWhiteSpace(id) ? defaultId : id.Trim(),
            title.Trim(),
            questions,
            string.IsNullOrWhiteSpace(category) ? defaultCategory : category.Trim(),
            tags,
            answer,
            relativePath);
        if (entry.PlainAnswer.Trim().Length == 0)
            throw new KnowledgeFormatException(end + 2, "the answer (Markdown after the front matter) is empty",
                "答案为空：请在第二个 --- 之后写上答案");
        return entry;
    }

    private static string Scalar(YamlNode node, string key, int line) =>
        node is YamlScalarNode scalar
            ? scalar.Value ?? ""
            : throw new KnowledgeFormatException(line, $"'{key}' must be a single text value", $"{key} 应为一段文字");

    private static List<string> List(YamlNode node, string key, int line) => node switch
    {
        YamlSequenceNode seq => seq.Children.Select(c => c is YamlScalarNode s
                ? s.Value?.Trim() ?? ""
                : throw new KnowledgeFormatException((int)c.Start.Line + 1, $"every item of '{key}' must be text", $"{key} 的每一项都应为文字"))
            .Where(s => s.Length > 0).ToList(),
        YamlScalarNode { Value: null or "" } => [],
        YamlScalarNode s => [s.Value!.Trim()],
        _ => throw new KnowledgeFormatException(line, $"'{key}' must be a list", $"{key} 应为列表，例如 [问题一, 问题二]"),
    };

    /// <summary>Plain text of the answer, for matching and for the LLM prompt.</summary>
    public static string PlainText(string markdown) => Markdown.ToPlainText(markdown);
}
