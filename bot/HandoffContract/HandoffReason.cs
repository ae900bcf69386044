namespace ChatSupport.HandoffContract;

/// <summary>Why the bot handed a conversation to a person. Wire names (contract): after-sales, complaint, human.</summary>
public enum HandoffReason
{
    AfterSales,
    Complaint,
    Human,
}

public static class HandoffReasonNames
{
    public static string ToWireName(this HandoffReason reason) => reason switch
    {
        HandoffReason.AfterSales => "after-sales",
        HandoffReason.Complaint => "complaint",
        HandoffReason.Human => "human",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };

    public static HandoffReason? FromWireName(string? name) => name switch
    {
        "after-sales" => HandoffReason.AfterSales,
        "complaint" => HandoffReason.Complaint,
        "human" => HandoffReason.Human,
        _ => null,
    };

    /// <summary>Complaints first, then after-sales, then everything else.</summary>
    public static int Priority(this HandoffReason reason) => reason switch
    {
        HandoffReason.Complaint => 0,
        HandoffReason.AfterSales => 1,
        _ => 2,
    };
}

public static class QueueScore
{
    /// <summary>Lower is served first: priority class, then waiting time.</summary>
    public static double For(HandoffReason reason, DateTimeOffset enqueuedAt) =>
        reason.Priority() * 1e13 + enqueuedAt.ToUnixTimeMilliseconds();
}
