namespace ChatSupport.HandoffDashboard.CannedReplies;

/// <summary>The usual categories, in the order a chat goes; any other category name is allowed and listed after them.</summary>
public static class CannedReplyCategories
{
    public const string Greeting = "问候";
    public const string ChaseShipping = "催发货";
    public const string Logistics = "物流";
    public const string AfterSales = "售后";
    public const string ReturnsAndExchanges = "退换货";
    public const string Comfort = "安抚";
    public const string Apology = "致歉";
    public const string Closing = "结束语";

    public static readonly IReadOnlyList<string> Defaults =
        [Greeting, ChaseShipping, Logistics, AfterSales, ReturnsAndExchanges, Comfort, Apology, Closing];

    public static int Rank(string category)
    {
        for (var i = 0; i < Defaults.Count; i++)
            if (Defaults[i] == category) return i;
        return Defaults.Count;
    }
}
