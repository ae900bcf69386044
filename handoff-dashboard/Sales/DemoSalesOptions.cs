using System.ComponentModel.DataAnnotations;

namespace ChatSupport.HandoffDashboard.Sales;

/// <summary>
/// Section "Sales:DemoSeed": demo-only chats so the per-agent sales charts have figures right after <c>./run.sh</c>.
/// Off by default; run.sh turns it on only together with the bot's demo store (whose order feed sends the orders).
/// </summary>
public sealed class DemoSalesOptions
{
    public const string SectionName = "Sales:DemoSeed";

    public bool Enabled { get; set; }

    /// <summary>Days back (today included) with demo chats; the bot's Store:DemoOrderHistoryDays sends that many days of orders.</summary>
    [Range(1, 90)]
    public int Days { get; set; } = 14;

    /// <summary>The demo store's signed-in demo shoppers (bot/Orders/Identity/DemoShoppers.cs), whose orders can follow a chat.</summary>
    public List<string> ShopperIds { get; set; } = ["demo-lilei", "demo-hanmeimei", "demo-wangfang"];
}
