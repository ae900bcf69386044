namespace ChatSupport.HandoffDashboard.Customers;

/// <summary>
/// A customer's follow-ups and cases for their profile, implemented by the follow-up list (FollowUps/CustomerFollowUps)
/// so that Customers does not depend on FollowUps (follow-up programmes are launched over customers: FollowUps → Customers).
/// </summary>
public interface ICustomerFollowUps
{
    /// <summary>Those created from <paramref name="since"/> to <paramref name="until"/> for one of these customer ids or chats, overdue as of <paramref name="now"/>.</summary>
    Task<IReadOnlyList<CustomerFollowUpItem>> ForAsync(
        IReadOnlySet<string> customerIds, IReadOnlySet<string> conversationIds, DateTimeOffset since, DateTimeOffset until, DateTimeOffset now);
}
