using System.Text.Json.Serialization;

namespace ChatSupport.Bot.Orders.Connector;

/// <summary>
/// One order as the store connector returns it (the contract in the README). Status wire names: pending, paid, shipped,
/// in_transit, out_for_delivery, delivered, exception, returned.
/// </summary>
public sealed record StoreOrder(
    [property: JsonPropertyName("orderId")] string OrderId,
    [property: JsonPropertyName("shopperId")] string ShopperId,
    [property: JsonPropertyName("placedAt")] DateTimeOffset PlacedAt,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("items")] IReadOnlyList<OrderItem> Items,
    [property: JsonPropertyName("total")] decimal Total,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("courier")] string? Courier,
    [property: JsonPropertyName("trackingNumber")] string? TrackingNumber,
    [property: JsonPropertyName("trackingEvents")] IReadOnlyList<TrackingEvent> TrackingEvents)
{
    /// <summary>The newest tracking event, whatever order the store listed them in.</summary>
    [JsonIgnore]
    public TrackingEvent? LatestEvent => TrackingEvents.Count == 0 ? null : TrackingEvents.MaxBy(e => e.Time);

    [JsonIgnore]
    public bool IsDelivered => Status == OrderStatuses.Delivered;

    [JsonIgnore]
    public bool IsTrouble => Status is OrderStatuses.Exception or OrderStatuses.Returned;
}

public sealed record OrderItem(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("quantity")] int Quantity,
    [property: JsonPropertyName("unitPrice")] decimal UnitPrice);

public sealed record TrackingEvent(
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("location")] string? Location);

public static class OrderStatuses
{
    public const string Pending = "pending", Paid = "paid", Shipped = "shipped", InTransit = "in_transit",
        OutForDelivery = "out_for_delivery", Delivered = "delivered", Exception = "exception", Returned = "returned";

    /// <summary>How the status reads to a shopper; an unknown status is shown as the store sent it.</summary>
    public static string Chinese(string status) => status switch
    {
        Pending => "待付款",
        Paid => "已付款，待发货",
        Shipped => "已发货",
        InTransit => "运输中",
        OutForDelivery => "派送中",
        Delivered => "已签收",
        Exception => "物流异常",
        Returned => "已退回",
        _ => status,
    };
}
