namespace ChatSupport.HandoffContract.Keys;

/// <summary>
/// The complaint register, tagged <c>{complaints}</c>: the create and transition scripts change a complaint, its
/// history, the index and a day's classification counters in one step. A few complaints a day fit one slot.
/// </summary>
public static class ComplaintKeys
{
    private static readonly string Of = HandoffKeys.Prefix + HashTags.Feature("complaints") + ":complaints:";

    /// <summary>Hash: one complaint, one field per property (camelCase; excerpt as JSON).</summary>
    public static string Complaint(string id) => Of + id;

    /// <summary>List of history entry JSON, oldest first. Only ever RPUSHed: the history cannot be edited.</summary>
    public static string History(string id) => Of + id + ":history";

    /// <summary>Sorted set: complaint ids scored by opening time (ms).</summary>
    public static readonly string ByOpenedAt = Of + "by-opened";

    /// <summary>Hash per UTC day of opening: field "{category}␟{state}" → number of complaints opened that day now in that category and state.</summary>
    public static string DailyClassification(DateOnly openedDay) => $"{Of}stats:{openedDay:yyyyMMdd}";

    /// <summary>Counter behind complaint numbers.</summary>
    public static readonly string Sequence = Of + "seq";

    /// <summary>String: JSON array of the category names (editable by supervisors).</summary>
    public static readonly string Categories = Of + "categories";
}
