using System.ComponentModel.DataAnnotations;

namespace ChatSupport.HandoffDashboard.Sales;

/// <summary>Section "Sales": how orders count for agents.</summary>
public sealed class SalesOptions
{
    public const string SectionName = "Sales";

    /// <summary>An order paid within this time after a chat with an agent ended (or while it lasts) counts for that agent.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan AttributionWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How many days the per-day sales figures are kept.</summary>
    [Range(1, 3660)]
    public int RetentionDays { get; set; } = 400;
}

/// <summary>
/// Section "Store" (shared with the order panel's connector settings): the key the store signs its order webhook with.
/// Unset: the webhook answers 503. A secret: environment or secret store, never appsettings.json.
/// </summary>
public sealed class StoreWebhookOptions
{
    public const string Section = "Store";

    /// <summary>
    /// The order webhook's key. A different secret from the bot's shopper-identity key, which was also called
    /// Store:SigningKey: this name says which one it is.
    /// </summary>
    public string? OrderWebhookKey { get; set; }

    /// <summary>The old name of <see cref="OrderWebhookKey"/>, still read when the new one is unset.</summary>
    public string? SigningKey { get; set; }

    /// <summary>The key in force: <see cref="OrderWebhookKey"/>, else the old <see cref="SigningKey"/>.</summary>
    public string? EffectiveKey => string.IsNullOrEmpty(OrderWebhookKey) ? SigningKey : OrderWebhookKey;

    /// <summary>A webhook call whose timestamp is further than this from the dashboard's clock is refused.</summary>
    [Range(10, 3600)]
    public int SignatureToleranceSeconds { get; set; } = 300;
}
