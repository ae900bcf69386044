namespace ChatSupport.Bot.Knowledge;

/// <summary>A knowledge file that cannot be used, with the 1-based line the problem was found on.</summary>
public sealed class KnowledgeFormatException(int line, string reason) : Exception(reason)
{
    public int Line { get; } = line;
    public string Reason { get; } = reason;
}
