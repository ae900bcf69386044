namespace ChatSupport.HandoffContract.Keys;

/// <summary>
/// Redis keys of the sales figures (dashboard feature Sales). Everything one order or one served chat changes lives
/// under the day's hash tag <c>{day:yyyyMMdd}</c>, so the counting script touches one slot; an order's record has its own tag.
/// </summary>
public static class SalesKeys
{
    private static string Day(DateOnly day) => $"{HandoffKeys.Prefix}sales:{{day:{day:yyyyMMdd}}}";

    /// <summary>
    /// Hash per UTC day: "{agentId}|{metric}" and "store|{metric}" → integer (amounts in fen). Metrics in
    /// <c>SalesMetrics</c> (dashboard): served, buyers, orders, amount, items.
    /// </summary>
    public static string Daily(DateOnly day) => Day(day) + ":figures";

    /// <summary>Set: order ids already counted on the day (a resent order changes nothing).</summary>
    public static string CountedOrders(DateOnly day) => Day(day) + ":orders";

    /// <summary>Set: customer ids an agent served on the day (接待人数 counts each shopper once).</summary>
    public static string Served(DateOnly day, string agentId) => Day(day) + ":served:" + agentId;

    /// <summary>Set: customer ids whose orders on the day count for the agent (buyers, for 转化率).</summary>
    public static string Buyers(DateOnly day, string agentId) => Day(day) + ":buyers:" + agentId;

    /// <summary>Hash: one order as the store reported it plus the agent it counted for. Kept for the attribution window's lookups and backfill.</summary>
    public static string Order(string orderId) => $"{HandoffKeys.Prefix}sales:order:{{order:{orderId}}}";

    /// <summary>String with TTL: a webhook signature already accepted (replays are refused while it lives).</summary>
    public static string SeenSignature(string signature) => $"{HandoffKeys.Prefix}sales:webhook-seen:{{sig:{signature}}}";

    /// <summary>Set per day: customer ids that ordered on the day (programme group "shoppers of a period").</summary>
    public static string Shoppers(DateOnly day) => Day(day) + ":shoppers";
}
