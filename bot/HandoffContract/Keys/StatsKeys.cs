namespace ChatSupport.HandoffContract.Keys;

/// <summary>Per-day counters, each tagged <c>{day:yyyyMMdd}</c> (one day's figures share a slot).</summary>
public static class StatsKeys
{
    private static string Of(DateOnly day) => HandoffKeys.Prefix + HashTags.Day(day);

    /// <summary>Hash of the bot's counters for one UTC day, written with HINCRBY, read by reports (fields in <see cref="BotCounters"/>).</summary>
    public static string BotDaily(DateOnly day) => Of(day) + ":stats:bot";

    /// <summary>Hash per UTC day: agent id → number of sends that carried a forbidden-phrase warning. Written by phrase check, read by reports.</summary>
    public static string PhraseWarnings(DateOnly day) => Of(day) + ":stats:phrase-warnings";

    /// <summary>How long the bot keeps a day's counters.</summary>
    public static readonly TimeSpan BotDailyRetention = TimeSpan.FromDays(400);
}

/// <summary>Field names of <see cref="StatsKeys.BotDaily"/> (the bot writes them, the dashboard's bot report reads them).</summary>
public static class BotCounters
{
    public const string Conversations = "conversations";
    public const string Answered = "answered";
    public const string Clarified = "clarified";
    public const string Fallbacks = "fallbacks";
    public const string Handoffs = "handoffs";
    public const string Cases = "cases";

    /// <summary>handoffs:after-sales, handoffs:complaint, handoffs:human.</summary>
    public static string HandoffsFor(HandoffReason reason) => Handoffs + ":" + reason.ToWireName();
}
