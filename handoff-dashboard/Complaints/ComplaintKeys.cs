namespace ChatSupport.HandoffDashboard.Complaints;

/// <summary>Redis keys of the complaint register (dashboard-internal).</summary>
public static class ComplaintKeys
{
    private const string Prefix = "chatsupport:complaints:";

    /// <summary>Hash: one complaint, one field per <see cref="Complaint"/> property (camelCase; excerpt as JSON).</summary>
    public static string Complaint(string id) => $"{Prefix}{id}";

    /// <summary>List of <see cref="ComplaintHistoryEntry"/> JSON, oldest first. Only ever RPUSHed: the history cannot be edited.</summary>
    public static string History(string id) => $"{Prefix}{id}:history";

    /// <summary>Sorted set: complaint ids scored by opening time (ms). Lists and the classification report read ranges of it.</summary>
    public const string ByOpenedAt = Prefix + "by-opened";

    /// <summary>Counter behind complaint numbers.</summary>
    public const string Sequence = Prefix + "seq";

    /// <summary>String: JSON array of the category names (editable by supervisors).</summary>
    public const string Categories = Prefix + "categories";
}
