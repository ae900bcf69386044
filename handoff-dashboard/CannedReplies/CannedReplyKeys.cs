namespace ChatSupport.HandoffDashboard.CannedReplies;

/// <summary>Redis keys and channels of canned replies (dashboard-internal; the bot never reads them).</summary>
public static class CannedReplyKeys
{
    private const string Prefix = "chatsupport:canned:";

    /// <summary>Hash: item id → <see cref="CannedReply"/> JSON (team and personal items alike).</summary>
    public const string Items = Prefix + "items";

    /// <summary>Hash: item id → times inserted by agents (HINCRBY).</summary>
    public const string Usage = Prefix + "usage";

    /// <summary>
    /// Hash: shortcut slot → item id. Slots are "team|/tk" and "personal|{ownerId}|/tk"; the write
    /// scripts check them atomically so two instances cannot hand out the same shortcut.
    /// </summary>
    public const string Shortcuts = Prefix + "shortcuts";

    /// <summary>String set once with SETNX by the instance that seeds the default set.</summary>
    public const string SeededFlag = Prefix + "seeded";

    /// <summary>Pub/sub: a change to items (payload <see cref="CannedReplyChange"/> JSON). Every instance refreshes its index.</summary>
    public const string ChangedChannel = Prefix + "changed";

    public static string TeamShortcutSlot(string shortcut) => "team|" + shortcut;
    public static string PersonalShortcutSlot(string ownerId, string shortcut) => "personal|" + ownerId + "|" + shortcut;
}

/// <summary>Payload on <see cref="CannedReplyKeys.ChangedChannel"/>: changed ids, or all (after import).</summary>
/// <param name="Ids">Ids to re-read (missing ones were deleted); empty with All = true means reload everything.</param>
/// <param name="UsageOnly">Only usage counts changed: refresh ranking, don't tell pages to refetch.</param>
public sealed record CannedReplyChange(IReadOnlyList<string> Ids, bool All, bool UsageOnly);
