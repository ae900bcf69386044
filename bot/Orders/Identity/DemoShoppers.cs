namespace ChatSupport.Bot.Orders.Identity;

/// <summary>
/// The demo store's shoppers: the store page lets a visitor be one of them, and the demo connector has their orders.
/// Each shows a different case (see DemoStoreConnector).
/// </summary>
public static class DemoShoppers
{
    public sealed record DemoShopper(string Id, string Name, string Shows);

    public static readonly IReadOnlyList<DemoShopper> All =
    [
        new("demo-lilei", "李雷", "一个运输中的包裹"),
        new("demo-hanmeimei", "韩梅梅", "一个四天没有物流更新的包裹"),
        new("demo-wangfang", "王芳", "几个未完成的订单（含退回的包裹）"),
    ];

    public static DemoShopper? Find(string id) => All.FirstOrDefault(s => s.Id == id);
}
