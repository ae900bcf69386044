namespace ChatSupport.HandoffDashboard.Sales;

/// <summary>Field names in <see cref="HandoffContract.Keys.SalesKeys.Daily"/>: "{agentId}|{metric}", and "store|{metric}" for every order.</summary>
public static class SalesMetrics
{
    public const string StoreOwner = "store";
    /// <summary>Distinct customers the agent served that day (接待人数).</summary>
    public const string Served = "served";
    /// <summary>Distinct customers whose orders that day count for the agent.</summary>
    public const string Buyers = "buyers";
    public const string Orders = "orders";
    /// <summary>In fen.</summary>
    public const string Amount = "amount";
    public const string Items = "items";

    public static string Field(string owner, string metric) => owner + "|" + metric;
}
