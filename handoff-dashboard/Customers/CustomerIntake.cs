using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Orders;
using ChatSupport.HandoffDashboard.Reports;

namespace ChatSupport.HandoffDashboard.Customers;

/// <summary>
/// Builds profiles from what reaches the desk: every escalation names its customer (the conversation record's id and
/// display name; a signed-in shopper's store id from the "shopper-" prefix the bot gives them). Idempotent: a redelivered
/// event only moves "last seen" to the same time.
/// </summary>
public sealed class CustomerIntake(CustomerStore store) : IHandoffEventSink
{
    public async Task HandleAsync(HandoffStreamEntry entry, CancellationToken cancellationToken)
    {
        var e = entry.Event;
        if (e.Kind != HandoffEventKinds.EscalationRequested || string.IsNullOrWhiteSpace(e.CustomerId)) return;
        await store.SeenAsync(e.CustomerId, e.CustomerName, ShopperIdOf(e.CustomerId), e.At);
    }

    /// <summary>The store's shopper id of a signed-in shopper's customer id, else null.</summary>
    public static string? ShopperIdOf(string customerId) =>
        customerId.StartsWith(OrdersEndpoints.SignedShopperPrefix, StringComparison.Ordinal) && customerId.Length > OrdersEndpoints.SignedShopperPrefix.Length
            ? customerId[OrdersEndpoints.SignedShopperPrefix.Length..]
            : null;

    public static string CustomerIdOfShopper(string shopperId) => OrdersEndpoints.SignedShopperPrefix + shopperId;
}
