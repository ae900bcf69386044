namespace ChatSupport.HandoffDashboard.Orders;

/// <summary>
/// The store connector the order panel reads (section <c>Store</c>, the same keys and contract as the bot's, see the
/// README). Unset: the panel's endpoint answers 503, the rest of the workspace is unaffected.
/// </summary>
public sealed class StoreConnectorOptions
{
    public const string Section = "Store";

    public string? ConnectorBaseUrl { get; set; }
    public string? ConnectorKey { get; set; }
    public double ConnectorTimeoutSeconds { get; set; } = 2;
    public int OrdersShown { get; set; } = 10;

    public bool Configured => !string.IsNullOrWhiteSpace(ConnectorBaseUrl);
}
