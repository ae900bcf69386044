namespace ChatSupport.Bot.Orders.Connector;

/// <summary>
/// The demo store's orders for the demo shoppers (Identity/DemoShoppers), used when no Store:ConnectorBaseUrl is set.
/// Times are relative to now, so the parcel "stuck for four days" is always four days stuck: 李雷 has one parcel in transit
/// and one delivered; 韩梅梅 one with no update for four days and one delivered; 王芳 several open orders (in transit,
/// returned, stuck) to choose from.
/// </summary>
public sealed class DemoStoreConnector(TimeProvider clock) : IStoreConnector
{
    public Task<ConnectorResult<IReadOnlyList<StoreOrder>>> RecentOrdersAsync(string shopperId, int limit, CancellationToken cancellationToken)
    {
        IReadOnlyList<StoreOrder> orders = Orders(clock.GetUtcNow()).Where(o => o.ShopperId == shopperId)
            .OrderByDescending(o => o.PlacedAt).Take(limit).ToList();
        return Task.FromResult(ConnectorResult<IReadOnlyList<StoreOrder>>.Success(orders));
    }

    public Task<ConnectorResult<StoreOrder>> OrderAsync(string orderId, CancellationToken cancellationToken) =>
        Task.FromResult(Orders(clock.GetUtcNow()).FirstOrDefault(o => o.OrderId == orderId) is { } order
            ? ConnectorResult<StoreOrder>.Success(order)
            : ConnectorResult<StoreOrder>.Failed(ConnectorFailure.NotFound, orderId));

    private static IEnumerable<StoreOrder> Orders(DateTimeOffset now)
    {
        // 李雷: one on its way, one delivered last month.
        yield return InTransit("DM20261001", "demo-lilei", now, "保温杯 500ml", 89m, "顺丰速运", "SF1400123456789");
        yield return Delivered("DM20260918", "demo-lilei", now.AddDays(-30), "电热水壶 1.7L", 159m);
        // 韩梅梅: one with no tracking update for four days, one delivered.
        yield return Stuck("DM20261003", "demo-hanmeimei", now, "陶瓷餐具套装", 219m);
        yield return Delivered("DM20260920", "demo-hanmeimei", now.AddDays(-25), "厨房置物架", 75m);
        // 王芳: several open orders, one returned to the store.
        yield return InTransit("DM20261005", "demo-wangfang", now.AddHours(-6), "不锈钢锅具三件套", 399m, "中通快递", "ZT7300098765432");
        yield return new StoreOrder("DM20260928", "demo-wangfang", now.AddDays(-9), OrderStatuses.Returned,
            [new OrderItem("玻璃保鲜盒 6 件", 1, 68m)], 68m, "CNY", "圆通速递", "YT6600011122233",
            [
                new TrackingEvent(now.AddDays(-8), "快件已揽收", "广东广州"),
                new TrackingEvent(now.AddDays(-5), "收件人地址不详，派送失败", "江苏南京"),
                new TrackingEvent(now.AddDays(-2), "快件已退回寄件人", "广东广州"),
            ]);
        yield return Stuck("DM20261002", "demo-wangfang", now.AddHours(-2), "硅胶锅铲", 29m);
        yield return Delivered("DM20260901", "demo-wangfang", now.AddDays(-40), "砧板", 49m);
    }

    private static StoreOrder InTransit(string id, string shopper, DateTimeOffset now, string item, decimal price, string courier, string tracking) =>
        new(id, shopper, now.AddDays(-2), OrderStatuses.InTransit, [new OrderItem(item, 1, price)], price, "CNY", courier, tracking,
        [
            new TrackingEvent(now.AddDays(-2).AddHours(3), "快件已由浙江杭州仓揽收", "浙江杭州"),
            new TrackingEvent(now.AddDays(-1), "快件已到达上海转运中心", "上海"),
            new TrackingEvent(now.AddHours(-3), "快件已到达北京朝阳区营业点，正在安排派送", "北京"),
        ]);

    private static StoreOrder Stuck(string id, string shopper, DateTimeOffset now, string item, decimal price) =>
        new(id, shopper, now.AddDays(-6), OrderStatuses.InTransit, [new OrderItem(item, 1, price)], price, "CNY", "韵达快递", "YD4300055566677",
        [
            new TrackingEvent(now.AddDays(-5), "快件已由浙江杭州仓揽收", "浙江杭州"),
            new TrackingEvent(now.AddDays(-4), "快件已到达武汉转运中心", "湖北武汉"),
        ]);

    private static StoreOrder Delivered(string id, string shopper, DateTimeOffset placed, string item, decimal price) =>
        new(id, shopper, placed, OrderStatuses.Delivered, [new OrderItem(item, 1, price)], price, "CNY", "顺丰速运", "SF1400099988877",
        [
            new TrackingEvent(placed.AddDays(1), "快件已由浙江杭州仓揽收", "浙江杭州"),
            new TrackingEvent(placed.AddDays(3), "已签收，签收人：本人", "北京"),
        ]);
}
