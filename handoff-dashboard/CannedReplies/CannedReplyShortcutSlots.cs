namespace ChatSupport.HandoffDashboard.CannedReplies;

/// <summary>
/// Field names inside the shortcuts hash (the contract's <see cref="HandoffContract.Keys.CannedReplyKeys.Shortcuts"/>):
/// a team shortcut is unique across the team, a personal one per owner.
/// </summary>
public static class CannedReplyShortcutSlots
{
    public static string Team(string shortcut) => "team|" + shortcut;
    public static string Personal(string ownerId, string shortcut) => "personal|" + ownerId + "|" + shortcut;
}
