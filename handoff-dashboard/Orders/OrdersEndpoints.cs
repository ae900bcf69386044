using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.HandoffDashboard.Conversations;

namespace ChatSupport.HandoffDashboard.Orders;

/// <summary>
/// The order panel beside a chat: the shopper's recent orders through the store connector. Who may see them is who may
/// see the chat (ConversationAccess, as the transcript); an anonymous shopper has none (404).
/// </summary>
public static class OrdersEndpoints
{
    /// <summary>The bot gives signed shoppers this Direct Line user id prefix (bot/Orders/Identity/SignedShopper.cs).</summary>
    public const string SignedShopperPrefix = "shopper-";

    public static void AddShopperOrders(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StoreConnectorOptions>().BindConfiguration(StoreConnectorOptions.Section)
            .Validate(o => o.ConnectorTimeoutSeconds is > 0 and <= 30, "Store:ConnectorTimeoutSeconds must be in (0, 30]")
            .Validate(o => !o.Configured || Uri.TryCreate(o.ConnectorBaseUrl, UriKind.Absolute, out _), "Store:ConnectorBaseUrl must be an absolute URL")
            .ValidateOnStart();
        builder.Services.AddHttpClient<ShopperOrdersClient>(c => c.Timeout = Timeout.InfiniteTimeSpan);
    }

    public static void MapShopperOrders(this WebApplication app) =>
        app.MapGet("/api/conversations/{id}/orders", GetOrdersAsync).WithTags("Orders");

    private static async Task<IResult> GetOrdersAsync(string id, SignedInAgent user, ConversationStore store, ShopperOrdersClient orders,
        Intake.IntakeSummaryReader intake, CancellationToken cancellationToken)
    {
        var conversation = await store.GetAsync(id);
        if (conversation is null) return Problem(StatusCodes.Status404NotFound, "会话不存在。");
        if (!ConversationAccess.CanView(user, conversation))
            return Problem(StatusCodes.Status403Forbidden, "无权查看此会话：只能查看排队中的会话和自己负责的会话。");
        if (conversation.CustomerId is not { } customerId || !customerId.StartsWith(SignedShopperPrefix, StringComparison.Ordinal)
            || customerId.Length == SignedShopperPrefix.Length)
            return Problem(StatusCodes.Status404NotFound, "这位顾客没有登录商城，看不到订单；可以请顾客提供订单号。");
        var inQuestion = (await intake.ReadAsync(id))?.OrderId;
        var result = await orders.RecentOrdersAsync(customerId[SignedShopperPrefix.Length..], cancellationToken);
        return result.Failure switch
        {
            null => Results.Ok(new
            {
                shopperId = customerId[SignedShopperPrefix.Length..],
                orderInQuestion = inQuestion,
                orders = InQuestionFirst(result.Orders!, inQuestion),
            }),
            OrdersFailure.NotConfigured => Problem(StatusCodes.Status503ServiceUnavailable, "还没有接入店铺订单系统（Store:ConnectorBaseUrl）。"),
            OrdersFailure.Timeout => Problem(StatusCodes.Status504GatewayTimeout, "订单系统响应太慢，请稍后刷新。"),
            _ => Problem(StatusCodes.Status502BadGateway, "订单系统暂时不可用，请稍后刷新。"),
        };
    }

    /// <summary>The order the after-sales intake is about heads the panel; the rest keep the store's order (newest first).</summary>
    private static System.Text.Json.Nodes.JsonArray InQuestionFirst(System.Text.Json.Nodes.JsonArray orders, string? orderId)
    {
        if (orderId is null) return orders;
        var list = orders.ToList();
        var first = list.FindIndex(o => string.Equals(o?["orderId"]?.ToString(), orderId, StringComparison.OrdinalIgnoreCase));
        if (first <= 0) return orders;
        var head = list[first];
        list.RemoveAt(first);
        list.Insert(0, head);
        orders.Clear();
        return new System.Text.Json.Nodes.JsonArray([.. list]);
    }

    private static IResult Problem(int status, string title) => Results.Problem(title: title, statusCode: status);
}
