namespace ChatSupport.HandoffContract.Keys;

/// <summary>Follow-ups and cases, tagged <c>{follow-ups}</c>: the complete script changes an item, the due index and a day's counters at once.</summary>
public static class FollowUpKeys
{
    private static readonly string Of = HandoffKeys.Prefix + HashTags.Feature("follow-ups") + ":follow-ups:";

    /// <summary>Hash: one follow-up or case, one field per property (camelCase).</summary>
    public static string Item(string id) => Of + id;

    /// <summary>Sorted set: ids of open items scored by due time (ms). Overdue = the range up to now.</summary>
    public static readonly string OpenByDue = Of + "open-by-due";

    /// <summary>Sorted set: every item scored by creation time (ms), for the done list.</summary>
    public static readonly string ByCreated = Of + "by-created";

    public static readonly string Sequence = Of + "seq";

    /// <summary>Hash per UTC day of completion: done, onTime, case:done, case:onTime.</summary>
    public static string DailyStats(DateOnly day) => $"{Of}stats:{day:yyyyMMdd}";
}
