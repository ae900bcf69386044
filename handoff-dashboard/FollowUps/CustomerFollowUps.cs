using ChatSupport.HandoffDashboard.Customers;

namespace ChatSupport.HandoffDashboard.FollowUps;

/// <summary>The follow-ups on a customer's profile (<see cref="ICustomerFollowUps"/>).</summary>
public sealed class CustomerFollowUps(FollowUpStore followUps) : ICustomerFollowUps
{
    public async Task<IReadOnlyList<CustomerFollowUpItem>> ForAsync(
        IReadOnlySet<string> customerIds, IReadOnlySet<string> conversationIds, DateTimeOffset since, DateTimeOffset until, DateTimeOffset now) =>
        (await followUps.CreatedBetweenAsync(since, until, now))
            .Where(f => (f.CustomerId is not null && customerIds.Contains(f.CustomerId)) || (f.ConversationId is not null && conversationIds.Contains(f.ConversationId)))
            .Select(f => new CustomerFollowUpItem(f.Id, f.Kind, f.Subject, f.Status, f.Result, f.DueAt, f.OwnerName, f.Overdue)).ToList();
}
