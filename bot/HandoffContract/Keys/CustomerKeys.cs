namespace ChatSupport.HandoffContract.Keys;

/// <summary>One customer's keys, tagged <c>{customer:&lt;id&gt;}</c>.</summary>
public static class CustomerKeys
{
    /// <summary>Sorted set of a customer's conversation ids scored by start time (ms), for "earlier conversations".</summary>
    public static string Conversations(string customerId) => HandoffKeys.Prefix + HashTags.Customer(customerId) + ":conversations";
}
