using ChatSupport.HandoffDashboard.CannedReplies.Pinyin;

namespace ChatSupport.HandoffDashboard.CannedReplies;

/// <summary>A canned reply with its search keys computed once, when it enters the index.</summary>
public sealed class IndexedReply
{
    public CannedReply Reply { get; }
    /// <summary>Shortcut without the leading '/', lower-case; empty when none.</summary>
    public string ShortcutKey { get; }
    public string TitleKey { get; }
    public string TextKey { get; }
    public string TitleInitials { get; }
    public string TextInitials { get; }

    public IndexedReply(CannedReply reply)
    {
        Reply = reply;
        ShortcutKey = reply.Shortcut?.TrimStart('/').ToLowerInvariant() ?? "";
        TitleKey = reply.Title.ToLowerInvariant();
        TextKey = reply.Text.ToLowerInvariant();
        TitleInitials = PinyinInitials.Of(reply.Title);
        TextInitials = PinyinInitials.Of(reply.Text);
    }
}
