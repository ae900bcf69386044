using ChatSupport.Bot.Orders.Connector;

namespace ChatSupport.Bot.Orders;

internal static partial class OrdersLog
{
    [LoggerMessage(1401, LogLevel.Warning, "No Store:ShopperIdentityKey (or Store:SigningKey) configured: the demo store signs its demo shoppers with a random key generated at start")]
    public static partial void RandomShopperKey(ILogger logger);

    [LoggerMessage(1402, LogLevel.Warning, "Store connector call failed ({Failure}): {Detail}")]
    public static partial void ConnectorFailed(ILogger logger, ConnectorFailure failure, string detail);

    [LoggerMessage(1403, LogLevel.Information, "Order question in {ConversationId} answered from order {OrderId} ({Outcome})")]
    public static partial void Answered(ILogger logger, string conversationId, string orderId, string outcome);
}
