namespace ChatSupport.Bot.Orders;

/// <summary>
/// The store the bot works for (section <c>Store</c>): how it vouches for its shoppers and where their orders are.
/// Without a signing key the demo store generates one at start; without a connector URL the demo connector serves
/// the demo shoppers' sample orders, so <c>./run.sh</c> shows everything with nothing to set up.
/// </summary>
public sealed class StoreOptions
{
    public const string Section = "Store";

    /// <summary>
    /// Shared secret the store signs shopper identities with (HMAC-SHA256, see README). A different secret from the
    /// dashboard's order-webhook key, which was also called Store:SigningKey: this name says which one it is.
    /// </summary>
    public string? ShopperIdentityKey { get; set; }

    /// <summary>The old name of <see cref="ShopperIdentityKey"/>, still read when the new one is unset.</summary>
    public string? SigningKey { get; set; }

    /// <summary>The shopper-identity key in force: <see cref="ShopperIdentityKey"/>, else the old <see cref="SigningKey"/>.</summary>
    public string? EffectiveShopperIdentityKey => string.IsNullOrEmpty(ShopperIdentityKey) ? SigningKey : ShopperIdentityKey;

    /// <summary>How old a signed identity's issuedAt may be, so a captured one cannot be replayed later.</summary>
    public int SignatureMaxAgeSeconds { get; set; } = 300;

    /// <summary>Base URL of the store connector (see README); empty means the built-in demo connector.</summary>
    public string? ConnectorBaseUrl { get; set; }

    /// <summary>Shared secret the bot signs its connector requests with.</summary>
    public string? ConnectorKey { get; set; }

    /// <summary>
    /// With the demo connector: serve it over the connector contract at /demo-store/connector/, requests signed with this
    /// key (for the dashboard's order panel under run.sh). Unset: not served.
    /// </summary>
    public string? DemoConnectorKey { get; set; }

    /// <summary>A connector answer slower than this is given up on, and the chat goes on without it.</summary>
    public double ConnectorTimeoutSeconds { get; set; } = 2;

    /// <summary>A parcel with no tracking update for longer than this goes to a person as after-sales.</summary>
    public int StuckAfterHours { get; set; } = 72;

    /// <summary>
    /// With the demo connector: the dashboard's order webhook (…/api/store/orders) the demo store reports its paid orders to,
    /// signed with <see cref="DemoOrderWebhookKey"/> (the dashboard's Store:OrderWebhookKey). Either unset: no orders are sent.
    /// </summary>
    public string? DemoOrderWebhookUrl { get; set; }

    public string? DemoOrderWebhookKey { get; set; }

    /// <summary>The demo store's pace: one paid order this often, after the history below.</summary>
    public int DemoOrderIntervalSeconds { get; set; } = 120;

    /// <summary>Days of sample orders the demo store reports at start.</summary>
    public int DemoOrderHistoryDays { get; set; } = 14;

    public bool UsesDemoConnector => string.IsNullOrWhiteSpace(ConnectorBaseUrl);
}
