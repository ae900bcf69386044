namespace ChatSupport.HandoffDashboard.FollowUps;

/// <summary>Redis keys of follow-ups and cases (dashboard-internal).</summary>
public static class FollowUpKeys
{
    private const string Prefix = "chatsupport:follow-ups:";

    /// <summary>Hash: one follow-up or case, one field per <see cref="FollowUp"/> property (camelCase).</summary>
    public static string Item(string id) => $"{Prefix}{id}";

    /// <summary>Sorted set: ids of open items scored by due time (ms). Overdue = the range up to now.</summary>
    public const string OpenByDue = Prefix + "open-by-due";

    /// <summary>Sorted set: every item scored by creation time (ms), for the done list.</summary>
    public const string ByCreated = Prefix + "by-created";

    public const string Sequence = Prefix + "seq";

    /// <summary>Hash per UTC day of completion: done, onTime, case:done, case:onTime.</summary>
    public static string DailyStats(DateOnly day) => $"chatsupport:stats:follow-ups:{day:yyyyMMdd}";
}
