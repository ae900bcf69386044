namespace ChatSupport.Bot.Knowledge.Normalization;

/// <summary>
/// Folds traditional Chinese (including Taiwan and Hong Kong variants and wording) to simplified,
/// using the OpenCC-derived table in t2s-table.txt (see generate-t2s-table.mjs for source and licence).
/// </summary>
public sealed class TraditionalToSimplified
{
    private readonly ScriptTable _table = ScriptTable.LoadEmbedded("ChatSupport.Bot.Knowledge.t2s-table.txt");

    public static TraditionalToSimplified Shared { get; } = new();

    private TraditionalToSimplified() { }

    public int CharacterCount => _table.CharacterCount;
    public int PhraseCount => _table.PhraseCount;

    public string Convert(string text) => _table.Convert(text);

    /// <summary>How many characters of the text exist only in traditional script (a simplified writer never types them).</summary>
    public int CountTraditionalOnly(ReadOnlySpan<char> text)
    {
        var count = 0;
        foreach (var c in text) if (_table.Converts(c)) count++;
        return count;
    }

    /// <summary>Whether the character exists only in traditional script.</summary>
    public bool IsTraditionalOnly(char c) => _table.Converts(c);
}
