namespace ChatSupport.Bot.Knowledge.Normalization;

/// <summary>
/// Writes simplified Chinese in Taiwan-standard traditional characters, for replies to shoppers who write traditional
/// (s2t-table.txt, generated from OpenCC by generate-s2t-table.mjs). Only the script changes, never the wording, so an
/// FAQ answer says exactly what its admin wrote.
/// </summary>
public sealed class SimplifiedToTraditional
{
    private readonly ScriptTable _table = ScriptTable.LoadEmbedded("ChatSupport.Bot.Knowledge.s2t-table.txt");

    public static SimplifiedToTraditional Shared { get; } = new();

    private SimplifiedToTraditional() { }

    public string Convert(string text) => _table.Convert(text);

    /// <summary>How many characters of the text exist only in simplified script (a traditional writer never types them).</summary>
    public int CountSimplifiedOnly(ReadOnlySpan<char> text)
    {
        var count = 0;
        foreach (var c in text)
            if (_table.Converts(c) && !TraditionalToSimplified.Shared.IsTraditionalOnly(c)) count++;
        return count;
    }
}
