using AngleSharp.Html.Dom;
using Ganss.Xss;
using Markdig;

namespace ChatSupport.Bot.Knowledge.Admin;

/// <summary>
/// The editor's preview of an FAQ file, made by the parser that loads the knowledge folder, so what an admin sees
/// (title, alternate questions, the reason a file would be refused) is what the bot will serve.
/// <see cref="Problems"/> holds "第 N 行：reason" for a file the bot would refuse; empty when it would load.
/// </summary>
public sealed record FaqPreview(string? Title, IReadOnlyList<string> Questions, string Html, IReadOnlyList<string> Problems)
{
    /// <summary>An FAQ answer is a few paragraphs; anything this long is pasted by mistake, not previewed.</summary>
    public const int MaxChars = 100_000;

    // Raw HTML in an answer is shown as text (Web Chat does not run it either); the sanitizer is the second
    // fence: only formatting tags survive and links keep only http(s) targets.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseEmphasisExtras().UsePipeTables().Build();

    private static readonly string[] FormattingTags =
        ["p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "code", "pre", "blockquote",
         "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td"];

    public static FaqPreview Render(string content, string path = "preview.md")
    {
        string? title = null;
        IReadOnlyList<string> questions = [];
        string answer;
        var problems = new List<string>();
        try
        {
            var entry = FaqFileParser.Parse(content, path);
            title = entry.Title;
            questions = entry.Questions;
            answer = entry.AnswerMarkdown;
        }
        catch (KnowledgeFormatException ex)
        {
            problems.Add($"第 {ex.Line} 行：{ex.Explanation}");
            answer = AfterFrontMatter(content);
        }
        return new FaqPreview(title, questions, SafeHtml(answer), problems);
    }

    // Configured once: Sanitize is safe to call from several requests at once, and building a sanitizer per preview
    // re-created its tag, attribute and CSS tables on every keystroke of the editor.
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(FormattingTags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href", "align"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
        });
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IHtmlAnchorElement link && link.HasAttribute("href"))
            {
                link.SetAttribute("rel", "noopener noreferrer nofollow");
                link.SetAttribute("target", "_blank");
            }
        };
        return sanitizer;
    }

    private static string SafeHtml(string markdown) => Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));

    /// <summary>For a file the parser refused: the text after a closed front matter, or all of it.</summary>
    private static string AfterFrontMatter(string content)
    {
        var lines = content.Replace("\r\n", "\n").Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---") return content;
        var end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        return end < 0 ? "" : string.Join('\n', lines[(end + 1)..]);
    }
}
