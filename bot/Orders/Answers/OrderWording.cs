using System.Globalization;
using ChatSupport.Bot.Orders.Connector;

namespace ChatSupport.Bot.Orders.Answers;

/// <summary>What the bot says about a shopper's orders (simplified; ShopperScript turns it traditional when the shopper writes so).</summary>
public static class OrderWording
{
    /// <summary>Times are shown in China time, the store's.</summary>
    private static readonly TimeSpan StoreOffset = TimeSpan.FromHours(8);

    public const string ChooseButtonPrefix = "查询订单 ";

    public const string AnonymousHint = "小提示：在商城登录后再来问我，我可以直接帮您查到自己包裹的物流进度哦。";

    public const string ConnectorDown = "抱歉，订单系统暂时有点忙，没能马上查到您的包裹。先为您提供通用的物流说明，稍后再问我一次就能查到；也可以点“转人工”请客服同事帮您看。";

    public const string NoOrders = "您的账号下最近没有查到订单。先为您提供通用的物流说明；如果是用其他账号下的单，登录那个账号后再来问我就能查到。";

    public static string ChooseOrder(IReadOnlyList<StoreOrder> open) =>
        "您有几个订单还在路上，想查哪一个？\n" + string.Join("\n", open.Select(o => $"· {o.OrderId} {ItemsText(o)}（{OrderStatuses.Chinese(o.Status)}）"));

    public static string Status(StoreOrder order)
    {
        var lines = new List<string> { $"您的订单 {order.OrderId}（{ItemsText(order)}）当前状态：{OrderStatuses.Chinese(order.Status)}" };
        if (order.Courier is not null || order.TrackingNumber is not null)
            lines.Add($"快递公司：{order.Courier ?? "待分配"}，运单号：{order.TrackingNumber ?? "待生成"}");
        lines.Add(order.LatestEvent is { } e ? $"最新物流：{EventText(e)}" : "暂时还没有物流记录，包裹出库后这里会显示最新进度。");
        if (!order.IsDelivered) lines.Add("有新的进度随时可以再问我。");
        return string.Join("\n", lines);
    }

    public static string HandingOver(StoreOrder order, bool stuck, int stuckHours) =>
        (stuck
            ? $"您的订单 {order.OrderId}（{order.Courier} {order.TrackingNumber}）已经超过 {stuckHours / 24} 天没有物流更新了，"
            : $"您的订单 {order.OrderId} 显示“{OrderStatuses.Chinese(order.Status)}”，")
        + "我这就请售后同事帮您跟进。订单和物流信息我已经一并转给他们，您不用再重复说明。";

    /// <summary>The order as the agent sees it at the top of the handoff: enough to act without asking the shopper again.</summary>
    public static string AgentSummary(StoreOrder order, string why, string shopperText) =>
        string.Join("\n",
            $"【订单售后】{why}",
            $"订单号：{order.OrderId}，状态：{OrderStatuses.Chinese(order.Status)}，下单：{Local(order.PlacedAt)}",
            $"商品：{string.Join("、", order.Items.Select(i => $"{i.Name} ×{i.Quantity}"))}，合计 {Money(order.Total, order.Currency)}",
            $"快递：{order.Courier ?? "无"} {order.TrackingNumber ?? ""}".TrimEnd(),
            $"最新物流：{(order.LatestEvent is { } e ? EventText(e) : "无")}",
            // The history too (newest first, a few): a returned or failed parcel's reason is often in an earlier event.
            $"物流记录：{(order.TrackingEvents.Count == 0 ? "无" : string.Join("；", order.TrackingEvents.OrderByDescending(e => e.Time).Take(5).Select(EventText)))}",
            $"顾客原话：{shopperText}");

    public static string StuckReason(int hours) => $"超过 {hours} 小时没有物流更新";

    public static string TroubleReason(StoreOrder order) => $"包裹{OrderStatuses.Chinese(order.Status)}";

    private static string ItemsText(StoreOrder o) =>
        o.Items.Count switch { 0 => "商品", 1 => o.Items[0].Name, _ => $"{o.Items[0].Name} 等 {o.Items.Count} 件" };

    private static string EventText(TrackingEvent e) =>
        $"{Local(e.Time)} {e.Description}" + (string.IsNullOrEmpty(e.Location) ? "" : $"（{e.Location}）");

    private static string Local(DateTimeOffset time) => time.ToOffset(StoreOffset).ToString("M月d日 HH:mm", CultureInfo.InvariantCulture);

    private static string Money(decimal amount, string currency) =>
        currency == "CNY" ? "¥" + amount.ToString("0.##", CultureInfo.InvariantCulture) : amount.ToString("0.##", CultureInfo.InvariantCulture) + " " + currency;
}
