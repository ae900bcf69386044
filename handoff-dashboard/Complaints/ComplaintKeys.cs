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

    /// <summary>
    /// Hash per UTC day of opening (yyyyMMdd): field "{category}␟{state}" (␟ = \x1f, category empty when not set)
    /// → number of complaints opened that day now in that category and state. Kept by the create and transition
    /// scripts, so the classification table reads one hash a day instead of every complaint.
    /// </summary>
    public static string DailyClassification(DateOnly openedDay) => $"{Prefix}stats:{openedDay:yyyyMMdd}";

    /// <summary>Prefix of <see cref="DailyClassification"/>; the scripts append yyyyMMdd.</summary>
    public const string DailyClassificationPrefix = Prefix + "stats:";

    /// <summary>Counter behind complaint numbers.</summary>
    public const string Sequence = Prefix + "seq";

    /// <summary>String: JSON array of the category names (editable by supervisors).</summary>
    public const string Categories = Prefix + "categories";
}
