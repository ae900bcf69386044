using Contract = ChatSupport.HandoffContract.Keys.FollowUpKeys;

namespace ChatSupport.HandoffDashboard.FollowUps;

/// <summary>Forwards to the contract's catalogue (<see cref="Contract"/>).</summary>
public static class FollowUpKeys
{
    public static string Item(string id) => Contract.Item(id);
    public static readonly string OpenByDue = Contract.OpenByDue;
    public static readonly string ByCreated = Contract.ByCreated;
    public static readonly string Sequence = Contract.Sequence;
    public static string DailyStats(DateOnly day) => Contract.DailyStats(day);
}
