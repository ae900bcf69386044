using Contract = ChatSupport.HandoffContract.Keys.ComplaintKeys;

namespace ChatSupport.HandoffDashboard.Complaints;

/// <summary>Forwards to the contract's catalogue (<see cref="Contract"/>).</summary>
public static class ComplaintKeys
{
    public static string Complaint(string id) => Contract.Complaint(id);
    public static string History(string id) => Contract.History(id);
    public static readonly string ByOpenedAt = Contract.ByOpenedAt;
    public static string DailyClassification(DateOnly openedDay) => Contract.DailyClassification(openedDay);
    public static readonly string Sequence = Contract.Sequence;
    public static readonly string Categories = Contract.Categories;
}
