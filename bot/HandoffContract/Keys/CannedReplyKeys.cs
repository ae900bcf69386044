namespace ChatSupport.HandoffContract.Keys;

/// <summary>Canned replies, tagged <c>{canned}</c>: the write scripts change items, shortcuts and usage together.</summary>
public static class CannedReplyKeys
{
    private static readonly string Of = HandoffKeys.Prefix + HashTags.Feature("canned") + ":canned:";

    /// <summary>Hash: item id → canned reply JSON (team and personal items alike).</summary>
    public static readonly string Items = Of + "items";

    /// <summary>Hash: item id → times inserted by agents (HINCRBY).</summary>
    public static readonly string Usage = Of + "usage";

    /// <summary>Hash: shortcut slot → item id ("team|/tk", "personal|{ownerId}|/tk"), checked atomically by the write scripts.</summary>
    public static readonly string Shortcuts = Of + "shortcuts";

    /// <summary>String: the bytes of the file a canned reply carries (a size chart, a return label); its name and type are on the item.</summary>
    public static string Attachment(string itemId) => Of + "file:" + itemId;

    /// <summary>String set once with SETNX by the instance that seeds the default set.</summary>
    public static readonly string SeededFlag = Of + "seeded";

    /// <summary>Pub/sub: a change to items. Every instance refreshes its index.</summary>
    public const string ChangedChannel = HandoffKeys.Prefix + "canned:changed";
}
