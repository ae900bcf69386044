using ChatSupport.HandoffContract.Keys;
using Contract = ChatSupport.HandoffContract.Keys.PhraseCheckKeys;

namespace ChatSupport.HandoffDashboard.PhraseCheck;

/// <summary>Forwards to the contract's catalogue (<see cref="Contract"/>, <see cref="StatsKeys"/>).</summary>
public static class PhraseCheckKeys
{
    public const string Phrases = Contract.Phrases;
    public const string SeededFlag = Contract.SeededFlag;
    public static string WarningsPerDay(DateOnly day) => StatsKeys.PhraseWarnings(day);
}
