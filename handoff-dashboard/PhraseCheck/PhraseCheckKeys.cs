namespace ChatSupport.HandoffDashboard.PhraseCheck;

public static class PhraseCheckKeys
{
    /// <summary>Hash: phrase → <see cref="ForbiddenPhrase"/> JSON, edited by admins.</summary>
    public const string Phrases = "chatsupport:phrase-check:phrases";

    /// <summary>String set once with SETNX by the instance that seeds the default list.</summary>
    public const string SeededFlag = "chatsupport:phrase-check:seeded";

    /// <summary>
    /// Hash per UTC day: agent id → number of sends that carried a warning. Read by the reports feature;
    /// the key shape is shared with it, keep it stable.
    /// </summary>
    public static string WarningsPerDay(DateOnly day) => $"chatsupport:stats:phrase-warnings:{day:yyyyMMdd}";
}
