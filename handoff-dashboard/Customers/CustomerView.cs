using ChatSupport.HandoffDashboard.Auth;
using System.Text.Json.Nodes;
using ChatSupport.HandoffDashboard.Complaints;
using ChatSupport.HandoffDashboard.Conversations;
using ChatSupport.HandoffDashboard.Orders;
using Microsoft.Extensions.Options;

namespace ChatSupport.HandoffDashboard.Customers;

public sealed record CustomerComplaintItem(string Id, string State, string? Category, DateTimeOffset OpenedAt, string? ConversationId);

public sealed record CustomerFollowUpItem(string Id, string Kind, string? Subject, string Status, string? Result, DateTimeOffset DueAt, string? OwnerName, bool Overdue);

/// <summary>Orders from the store connector: the list, or why there is none (Chinese, shown as is).</summary>
public sealed record CustomerOrders(JsonArray? Orders, string? Unavailable);

public sealed record CustomerHistory(
    IReadOnlyList<ConversationDetails> Conversations,
    IReadOnlyList<CustomerComplaintItem> Complaints,
    IReadOnlyList<CustomerFollowUpItem> FollowUps,
    CustomerOrders Orders);

/// <summary>GET /api/customers/{id}: the profile (contact details masked unless the caller may see them) and its history.</summary>
public sealed record CustomerDetail(
    CustomerProfile Profile,
    bool ContactMasked,
    DateTimeOffset? ContactDueAt,
    IReadOnlyList<CustomerNote> Notes,
    IReadOnlyList<CustomerContact> Contacts,
    IReadOnlyList<string> MergedIds,
    CustomerHistory History);

/// <summary>One row of a customer list (search, my customers).</summary>
public sealed record CustomerListItem(
    string Id, string? DisplayName, string? MemberLevel, IReadOnlyList<string> Tags, string? AgentId, string? AgentName,
    DateTimeOffset? LastSeenAt, DateTimeOffset? LastContactAt, DateTimeOffset? ContactDueAt, bool Overdue);

/// <summary>
/// Reads a customer as one caller may see them: looks up the profile and the customer's conversations, applies
/// <see cref="ConversationAccess.CanViewCustomer"/> (the chats' rule), and gathers the history.
/// </summary>
public sealed class CustomerReader(
    CustomerStore customers, ConversationStore conversations, ComplaintStore complaints, ICustomerFollowUps followUps,
    ShopperOrdersClient orders, IOptions<CustomerOptions> options, TimeProvider clock)
{
    public enum Access { Visible, NotFound, Denied }

    public sealed record Checked(Access Access, CustomerProfile? Profile, IReadOnlyList<ConversationSnapshot> Conversations);

    public async Task<Checked> CheckAsync(SignedInAgent user, string id)
    {
        var profile = await customers.GetAsync(id);
        var conversationIds = await customers.ConversationIdsAsync(profile?.Id ?? id, options.Value.HistoryConversations);
        if (profile is null && conversationIds.Count == 0) return new(Access.NotFound, null, []);
        // A customer seen only in a conversation index (before the intake ran) still has a profile to show.
        profile ??= new CustomerProfile { Id = id, ShopperId = CustomerIntake.ShopperIdOf(id) };
        var chats = await conversations.GetManyAsync(conversationIds);
        return ConversationAccess.CanViewCustomer(user, profile.AgentId, chats)
            ? new(Access.Visible, profile, chats)
            : new(Access.Denied, null, []);
    }

    public async Task<CustomerDetail> DetailAsync(SignedInAgent user, Checked visible, CancellationToken cancellationToken)
    {
        var profile = visible.Profile!;
        var now = clock.GetUtcNow();
        var masked = !ConversationAccess.CanSeeCustomerContact(user, profile.AgentId, visible.Conversations);
        var ids = (await customers.MergedIdsAsync(profile.Id)).Append(profile.Id).ToHashSet();
        var conversationIds = visible.Conversations.Select(c => c.Id).ToHashSet();
        var since = now.AddDays(-options.Value.HistoryDays);

        var complaintItems = (await complaints.ListOpenedBetweenAsync(since, now.AddDays(1), 5000))
            .Where(c => (c.CustomerId is not null && ids.Contains(c.CustomerId)) || (c.ConversationId is not null && conversationIds.Contains(c.ConversationId)))
            .Select(c => new CustomerComplaintItem(c.Id, c.State, c.Category, c.OpenedAt, c.ConversationId)).ToList();
        var followUpItems = await followUps.ForAsync(ids, conversationIds, since, now.AddDays(1), now);

        var due = (await customers.AgentCustomersAsync(profile.AgentId ?? "")).FirstOrDefault(c => c.CustomerId == profile.Id);
        return new CustomerDetail(
            masked ? ContactMask.Apply(profile) : profile,
            masked,
            profile.AgentId is null || due.CustomerId is null ? null : due.DueAt,
            await customers.NotesAsync(profile.Id),
            await customers.ContactsAsync(profile.Id),
            ids.Where(i => i != profile.Id).Order(StringComparer.Ordinal).ToList(),
            new CustomerHistory(
                visible.Conversations.OrderByDescending(c => c.StartedAt ?? c.EscalatedAt).Select(ConversationDetails.From).ToList(),
                complaintItems, followUpItems, await OrdersAsync(profile, cancellationToken)));
    }

    private async Task<CustomerOrders> OrdersAsync(CustomerProfile profile, CancellationToken cancellationToken)
    {
        if (profile.ShopperId is null) return new(null, "这位顾客没有登录商城，看不到订单。");
        var result = await orders.RecentOrdersAsync(profile.ShopperId, cancellationToken);
        return result.Failure switch
        {
            null => new(result.Orders, null),
            OrdersFailure.NotConfigured => new(null, "还没有接入店铺订单系统。"),
            OrdersFailure.Timeout => new(null, "订单系统响应太慢，请稍后刷新。"),
            _ => new(null, "订单系统暂时不可用，请稍后刷新。"),
        };
    }

    public CustomerListItem ListItem(CustomerProfile p, DateTimeOffset? dueAt) => new(
        p.Id, p.DisplayName, p.MemberLevel, p.Tags, p.AgentId, p.AgentName, p.LastSeenAt, p.LastContactAt, dueAt,
        dueAt is { } d && d < clock.GetUtcNow());
}

/// <summary>Who counts as a demanding customer for the balance rule: one who complained (in the history window).</summary>
public sealed class DemandingCustomers(ComplaintStore complaints, IOptions<CustomerOptions> options, TimeProvider clock)
{
    public async Task<HashSet<string>> ComplainantsAsync()
    {
        var now = clock.GetUtcNow();
        return (await complaints.ListOpenedBetweenAsync(now.AddDays(-options.Value.HistoryDays), now.AddDays(1), 5000))
            .Where(c => c.CustomerId is not null).Select(c => c.CustomerId!).ToHashSet();
    }
}
