using System.Globalization;
using ChatSupport.Bot.Orders.Identity;

namespace ChatSupport.Bot.Orders.Connector;

/// <summary>A paid order as the dashboard's order webhook and the connector's list call carry it (amount in yuan).</summary>
public sealed record PaidOrder(string OrderId, string ShopperId, DateTimeOffset PaidAt, decimal Amount, IReadOnlyList<PaidOrderItem> Items);

public sealed record PaidOrderItem(string Sku, string Name, int Quantity, decimal UnitPrice);

/// <summary>
/// The demo store's paid orders, generated from the day or the time slot alone (same input, same orders), so a restart
/// or the backfill list call reports the very orders the webhook already sent and nothing is counted twice. Some go to the
/// demo shoppers (so an order after a chat with one of them counts for the agent), the rest to walk-in shoppers.
/// </summary>
public static class DemoSampleOrders
{
    private static readonly (string Sku, string Name, decimal Price)[] Catalogue =
    [
        ("AF-300", "空气炸锅 5L", 399m), ("KT-120", "不锈钢电热水壶", 129m), ("PN-280", "不粘炒锅 28cm", 189m),
        ("DV-200", "冬季羽绒被 200×230", 599m), ("VC-900", "无线吸尘器", 1299m), ("BX-006", "玻璃保鲜盒 6 件", 68m),
    ];

    /// <summary>3 to 8 orders paid during the day (UTC, 01:00–15:00, i.e. 09:00–23:00 Beijing time).</summary>
    public static IReadOnlyList<PaidOrder> ForDay(DateOnly day)
    {
        var rnd = new Random(day.DayNumber);
        var count = rnd.Next(3, 9);
        var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero);
        return Enumerable.Range(0, count)
            .Select(i => Make($"DEMO-{day:yyyyMMdd}-{i + 1:D2}", start.AddSeconds(rnd.Next(14 * 3600)), rnd))
            .OrderBy(o => o.PaidAt).ToList();
    }

    /// <summary>The one order of a live time slot (slot = Unix seconds / interval), paid at the slot's start.</summary>
    public static PaidOrder ForSlot(long slot, int intervalSeconds) =>
        Make("DEMO-LIVE-" + slot.ToString(CultureInfo.InvariantCulture), DateTimeOffset.FromUnixTimeSeconds(slot * intervalSeconds), new Random(unchecked((int)slot)));

    private static PaidOrder Make(string id, DateTimeOffset paidAt, Random rnd)
    {
        var shopper = rnd.NextDouble() < 0.5
            ? DemoShoppers.All[rnd.Next(DemoShoppers.All.Count)].Id
            : $"demo-guest-{rnd.Next(1, 40):D2}";
        var items = Enumerable.Range(0, rnd.Next(1, 3)).Select(_ => Catalogue[rnd.Next(Catalogue.Length)])
            .DistinctBy(p => p.Sku).Select(p => new PaidOrderItem(p.Sku, p.Name, rnd.Next(1, 3), p.Price)).ToList();
        return new PaidOrder(id, shopper, paidAt, items.Sum(i => i.UnitPrice * i.Quantity), items);
    }
}
