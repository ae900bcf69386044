namespace ChatSupport.Bot.Knowledge;

/// <summary>
/// A knowledge file that cannot be used, with the 1-based line the problem was found on: <see cref="Reason"/> in
/// English for the log, <see cref="Explanation"/> in Chinese for the admin who has to fix the file.
/// </summary>
public sealed class KnowledgeFormatException(int line, string reason, string explanation) : Exception(reason)
{
    public int Line { get; } = line;
    public string Reason { get; } = reason;
    public string Explanation { get; } = explanation;
}
