using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace ChatSupport.HandoffDashboard.KnowledgeAdmin;

public sealed record PreviewRequest(string? Content);

/// <summary>The preview of an FAQ file: its front matter's title and questions, the answer as HTML, and hints.</summary>
public sealed record FaqPreview(string? Title, IReadOnlyList<string> Questions, string Html, IReadOnlyList<string> Problems);

/// <summary>
/// A deliberately small Markdown renderer for the editor's preview. Safe by construction: every piece of
/// text is HTML-encoded before any markup is added, raw HTML is never passed through, and links are kept
/// only for http(s) targets. The bot stays the judge of validity; <see cref="FaqPreview.Problems"/> are hints.
/// </summary>
public static partial class MarkdownPreview
{
    public static FaqPreview Render(string content)
    {
        var lines = content.Replace("\r\n", "\n").Split('\n');
        var problems = new List<string>();
        string? title = null;
        var questions = new List<string>();
        var bodyStart = 0;
        if (lines.Length > 0 && lines[0].Trim() == "---")
        {
            var end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
            if (end < 0)
            {
                problems.Add("文件头（front matter）缺少结束的 ---。");
            }
            else
            {
                ReadFrontMatter(lines[1..end], ref title, questions);
                bodyStart = end + 1;
            }
        }
        else
        {
            problems.Add("文件应以 --- 开头的文件头（front matter）开始。");
        }
        if (string.IsNullOrWhiteSpace(title)) problems.Add("缺少 title（标准问题）。");
        var body = lines[bodyStart..];
        if (body.All(string.IsNullOrWhiteSpace)) problems.Add("答案不能为空。");
        return new FaqPreview(title, questions, RenderBody(body), problems);
    }

    private static void ReadFrontMatter(string[] lines, ref string? title, List<string> questions)
    {
        var inQuestions = false;
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            if (inQuestions && ListItem().Match(line) is { Success: true } item)
            {
                questions.Add(Unquote(item.Groups[1].Value));
                continue;
            }
            inQuestions = false;
            var colon = line.IndexOf(':');
            if (colon <= 0 || char.IsWhiteSpace(line[0])) continue;
            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (key == "title") title = Unquote(value);
            else if (key == "questions")
            {
                if (value.StartsWith('[') && value.EndsWith(']'))
                    questions.AddRange(value[1..^1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Unquote));
                else inQuestions = true;
            }
        }
    }

    private static string Unquote(string s)
    {
        s = s.Trim();
        return s.Length >= 2 && (s[0] == '"' && s[^1] == '"' || s[0] == '\'' && s[^1] == '\'') ? s[1..^1] : s;
    }

    private static string RenderBody(string[] lines)
    {
        var html = new StringBuilder();
        string? list = null;
        var paragraph = new List<string>();
        void FlushParagraph()
        {
            if (paragraph.Count == 0) return;
            html.Append("<p>").Append(string.Join("<br>", paragraph.Select(Inline))).Append("</p>\n");
            paragraph.Clear();
        }
        void CloseList()
        {
            if (list is null) return;
            html.Append("</").Append(list).Append(">\n");
            list = null;
        }
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            if (line.Trim().Length == 0)
            {
                FlushParagraph();
                CloseList();
                continue;
            }
            if (Heading().Match(line) is { Success: true } h)
            {
                FlushParagraph();
                CloseList();
                var level = h.Groups[1].Length;
                html.Append($"<h{level}>").Append(Inline(h.Groups[2].Value)).Append($"</h{level}>\n");
                continue;
            }
            var bullet = Bullet().Match(line);
            var numbered = Numbered().Match(line);
            if (bullet.Success || numbered.Success)
            {
                FlushParagraph();
                var kind = bullet.Success ? "ul" : "ol";
                if (list != kind)
                {
                    CloseList();
                    html.Append('<').Append(kind).Append(">\n");
                    list = kind;
                }
                html.Append("<li>").Append(Inline((bullet.Success ? bullet : numbered).Groups[1].Value)).Append("</li>\n");
                continue;
            }
            CloseList();
            paragraph.Add(line.Trim());
        }
        FlushParagraph();
        CloseList();
        return html.ToString();
    }

    /// <summary>Encodes first, then adds the few inline marks; links survive only with http(s) targets.</summary>
    private static string Inline(string text)
    {
        var result = new StringBuilder();
        var last = 0;
        foreach (Match m in Link().Matches(text))
        {
            result.Append(Marks(WebUtility.HtmlEncode(text[last..m.Index])));
            var label = Marks(WebUtility.HtmlEncode(m.Groups[1].Value));
            var target = m.Groups[2].Value;
            if (Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                result.Append("<a href=\"").Append(WebUtility.HtmlEncode(uri.AbsoluteUri)).Append("\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">")
                    .Append(label).Append("</a>");
            else
                result.Append(label);
            last = m.Index + m.Length;
        }
        result.Append(Marks(WebUtility.HtmlEncode(text[last..])));
        return result.ToString();
    }

    private static string Marks(string encoded)
    {
        encoded = Code().Replace(encoded, "<code>$1</code>");
        return Bold().Replace(encoded, "<strong>$1</strong>");
    }

    [GeneratedRegex(@"^(#{1,6})\s+(.*)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s*[-*+]\s+(.*)$")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"^\s*\d+[.)]\s+(.*)$")]
    private static partial Regex Numbered();

    [GeneratedRegex(@"^\s+-\s+(.*)$")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"\[([^\]]+)\]\(([^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex Code();

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex Bold();
}
