namespace ChatSupport.HandoffContract.Keys;

/// <summary>Forbidden-phrase check (single-key commands only).</summary>
public static class PhraseCheckKeys
{
    /// <summary>Hash: phrase → forbidden phrase JSON, edited by admins.</summary>
    public const string Phrases = HandoffKeys.Prefix + "phrase-check:phrases";

    /// <summary>String set once with SETNX by the instance that seeds the default list.</summary>
    public const string SeededFlag = HandoffKeys.Prefix + "phrase-check:seeded";
}
