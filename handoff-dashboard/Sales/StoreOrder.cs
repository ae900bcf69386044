using System.Text.Json.Serialization;

namespace ChatSupport.HandoffDashboard.Sales;

/// <summary>
/// A paid order as the store reports it (webhook body and backfill list): amounts in yuan. Only what the figures need;
/// the store may send more fields, which are ignored.
/// </summary>
public sealed record StoreOrder
{
    public string? OrderId { get; init; }
    public string? ShopperId { get; init; }
    public DateTimeOffset? PaidAt { get; init; }
    public decimal? Amount { get; init; }
    public IReadOnlyList<StoreOrderItem>? Items { get; init; }

    [JsonIgnore] public long AmountFen => (long)Math.Round((Amount ?? 0) * 100, MidpointRounding.AwayFromZero);
    [JsonIgnore] public long ItemCount => Items is { Count: > 0 } items ? items.Sum(i => (long)Math.Max(1, i.Quantity ?? 1)) : 1;

    /// <summary>Null when the order is usable, otherwise why not (Chinese, returned to the store as the problem title).</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(OrderId) || OrderId.Length > 64) return "orderId 缺失或过长（最多 64 个字符）。";
        if (string.IsNullOrWhiteSpace(ShopperId) || ShopperId.Length > 128) return "shopperId 缺失或过长（最多 128 个字符）。";
        if (PaidAt is null) return "paidAt 缺失。";
        if (Amount is null || Amount < 0 || Amount > 10_000_000) return "amount 应为 0 到 10000000 之间的金额（元）。";
        if (Items is { Count: > 500 }) return "items 最多 500 项。";
        if (Items?.Any(i => i.Quantity is < 0 or > 100_000) == true) return "items.quantity 应为 0 到 100000。";
        return null;
    }
}

public sealed record StoreOrderItem(string? Sku, string? Name, int? Quantity, decimal? UnitPrice);

/// <summary>What happened to one reported order.</summary>
public sealed record OrderRecorded(string OrderId, string? AgentId, string? ConversationId, bool Counted);
