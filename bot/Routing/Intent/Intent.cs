namespace ChatSupport.Bot.Routing.Intent;

/// <summary>What a shopper's message is for, as the intent classifier and the corpus label it.</summary>
public enum ShopperIntent
{
    /// <summary>A question the store's FAQ may answer (including a general policy question).</summary>
    Question,

    /// <summary>The shopper's own case: return, exchange, refund, damage, fault, missing or stuck parcel, repair.</summary>
    AfterSales,

    /// <summary>A complaint, a threat (bad review, 12315), an accusation, anger, or a problem unresolved after repeated contact.</summary>
    Complaint,

    /// <summary>An explicit request for a person, however phrased.</summary>
    Human,

    /// <summary>Greetings, thanks, chit-chat, other shops and platforms, spam, topics the store does not cover.</summary>
    OutOfScope,
}

/// <summary>The corpus's names for the intents (the `intent` field of bot/Routing/Intent/Corpus/*.jsonl).</summary>
public static class ShopperIntentNames
{
    public static readonly IReadOnlyList<ShopperIntent> All = Enum.GetValues<ShopperIntent>();

    public static string ToWireName(this ShopperIntent intent) => intent switch
    {
        ShopperIntent.Question => "question",
        ShopperIntent.AfterSales => "after-sales",
        ShopperIntent.Complaint => "complaint",
        ShopperIntent.Human => "human",
        ShopperIntent.OutOfScope => "out-of-scope",
        _ => throw new ArgumentOutOfRangeException(nameof(intent)),
    };

    public static bool TryParse(string? name, out ShopperIntent intent)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToWireName(), name, StringComparison.Ordinal))
            {
                intent = candidate;
                return true;
            }
        }
        intent = default;
        return false;
    }
}
