using ChatSupport.Bot.Orders.Connector;
using ChatSupport.HandoffContract;

namespace ChatSupport.Bot.Orders;

/// <summary>The order card pinned at the top of an after-sales chat (<see cref="IntakeOrderCard"/>), made from the connector's order.</summary>
public static class OrderCards
{
    public static IntakeOrderCard From(StoreOrder o) =>
        new(o.OrderId, o.Status, OrderStatuses.Chinese(o.Status), o.PlacedAt,
            o.Items.Select(i => new IntakeOrderItem(i.Name, i.Quantity)).ToList(), o.Total, o.Currency, o.Courier, o.TrackingNumber,
            o.LatestEvent is { } e ? new IntakeTrackingEvent(e.Time, e.Description, e.Location) : null);
}
