namespace ChatSupport.HandoffContract.Keys;

/// <summary>
/// One customer's keys, tagged <c>{customer:&lt;id&gt;}</c> so a script may touch them together (profile, notes,
/// contacts, merges, the conversations index); an agent's list of customers is tagged <c>{agent:&lt;id&gt;}</c>; the
/// directory of all customers has its own tag.
/// </summary>
public static class CustomerKeys
{
    private static string Tag(string customerId) => HandoffKeys.Prefix + HashTags.Customer(customerId);

    /// <summary>Sorted set of a customer's conversation ids scored by start time (ms), for "earlier conversations".</summary>
    public static string Conversations(string customerId) => Tag(customerId) + ":conversations";

    /// <summary>Hash: one customer's profile (display name, contact details, tags, member level, responsible agent, last contact).</summary>
    public static string Profile(string customerId) => Tag(customerId) + ":profile";

    /// <summary>List of JSON notes agents wrote about the customer, oldest first.</summary>
    public static string Notes(string customerId) => Tag(customerId) + ":notes";

    /// <summary>List of JSON contacts (回访/联系记录) the responsible agent recorded, oldest first.</summary>
    public static string Contacts(string customerId) => Tag(customerId) + ":contacts";

    /// <summary>Set of customer ids merged into this one (their conversations are this customer's history too).</summary>
    public static string Merged(string customerId) => Tag(customerId) + ":merged";

    /// <summary>Sorted set of every customer id scored by when they were last seen (ms): search and programme groups read it.</summary>
    public const string Directory = HandoffKeys.Prefix + "{customers}:customers:by-last-seen";

    /// <summary>Sorted set: the customers an agent is responsible for, scored by when the next contact is due (ms).</summary>
    public static string AgentCustomers(string agentId) => HandoffKeys.Prefix + "{agent:" + agentId + "}:customers";
}
