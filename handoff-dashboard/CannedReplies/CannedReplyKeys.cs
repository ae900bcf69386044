using Contract = ChatSupport.HandoffContract.Keys.CannedReplyKeys;

namespace ChatSupport.HandoffDashboard.CannedReplies;

/// <summary>Forwards to the contract's catalogue (<see cref="Contract"/>), plus the shortcut slot names inside its hash.</summary>
public static class CannedReplyKeys
{
    public static readonly string Items = Contract.Items;
    public static readonly string Usage = Contract.Usage;
    public static readonly string Shortcuts = Contract.Shortcuts;
    public static readonly string SeededFlag = Contract.SeededFlag;
    public const string ChangedChannel = Contract.ChangedChannel;

    public static string TeamShortcutSlot(string shortcut) => "team|" + shortcut;
    public static string PersonalShortcutSlot(string ownerId, string shortcut) => "personal|" + ownerId + "|" + shortcut;
}

/// <summary>Payload on <see cref="CannedReplyKeys.ChangedChannel"/>: changed ids, or all (after import).</summary>
/// <param name="Ids">Ids to re-read (missing ones were deleted); empty with All = true means reload everything.</param>
/// <param name="UsageOnly">Only usage counts changed: refresh ranking, don't tell pages to refetch.</param>
public sealed record CannedReplyChange(IReadOnlyList<string> Ids, bool All, bool UsageOnly);
