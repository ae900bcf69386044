namespace ChatSupport.Bot.Orders.Connector;

/// <summary>The store's orders, as the bot (and the dashboard) read them; see the README for the HTTP contract.</summary>
public interface IStoreConnector
{
    /// <summary>The shopper's most recent orders, newest first.</summary>
    Task<ConnectorResult<IReadOnlyList<StoreOrder>>> RecentOrdersAsync(string shopperId, int limit, CancellationToken cancellationToken);

    /// <summary>One order with its items and tracking events.</summary>
    Task<ConnectorResult<StoreOrder>> OrderAsync(string orderId, CancellationToken cancellationToken);
}
