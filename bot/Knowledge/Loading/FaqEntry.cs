namespace ChatSupport.Bot.Knowledge;

/// <summary>One FAQ file (see the knowledge contract). <see cref="RelativePath"/> uses '/' separators.</summary>
public sealed record FaqEntry(
    string Id,
    string Title,
    IReadOnlyList<string> Questions,
    string Category,
    IReadOnlyList<string> Tags,
    string AnswerMarkdown,
    string RelativePath)
{
    /// <summary>The title first, then the alternate phrasings.</summary>
    public IEnumerable<string> Phrasings => Questions.Prepend(Title);

    private string? _plainAnswer;

    /// <summary>The answer without Markdown syntax (computed once; used for matching and validation).</summary>
    public string PlainAnswer => _plainAnswer ??= Markdig.Markdown.ToPlainText(AnswerMarkdown);
}

/// <summary>A file that could not be loaded: where and why (<paramref name="Reason"/> for the log, <paramref name="Explanation"/> for the admin).</summary>
public sealed record KnowledgeFileError(string File, int Line, string Reason, DateTimeOffset At, string Explanation);
