namespace ChatSupport.HandoffDashboard.Complaints;

/// <summary>
/// The seeds' complaint flow, in order. On the wire and in Redis a state is its Chinese name
/// (受理 … 归档), the word agents use.
/// </summary>
public enum ComplaintState
{
    Accepted,
    Judged,
    Investigating,
    Planned,
    Approved,
    Implemented,
    FollowedUp,
    Archived,
}

public static class ComplaintStateNames
{
    private static readonly string[] Names = ["受理", "判断", "调查", "方案", "审批", "实施", "回访", "归档"];

    /// <summary>All state names in flow order.</summary>
    public static IReadOnlyList<string> All => Names;

    public static string ToWireName(this ComplaintState state) => Names[(int)state];

    public static ComplaintState? FromWireName(string? name)
    {
        var i = Array.IndexOf(Names, name?.Trim());
        return i < 0 ? null : (ComplaintState)i;
    }
}
