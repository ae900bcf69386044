using System.Security.Cryptography;
using System.Text;
using ChatSupport.Bot.Orders.Answers;
using ChatSupport.Bot.Orders.Connector;
using ChatSupport.Bot.Orders.Identity;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.Orders;

/// <summary>Who the shopper is (signed by the store) and answers about their own orders, through the store connector.</summary>
public static class OrdersRegistration
{
    public static void AddOrders(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.Section)
            .Validate(o => o.ConnectorTimeoutSeconds is > 0 and <= 30, "Store:ConnectorTimeoutSeconds must be in (0, 30]")
            .Validate(o => o.SignatureMaxAgeSeconds is >= 10 and <= 3600, "Store:SignatureMaxAgeSeconds must be 10..3600")
            .Validate(o => o.StuckAfterHours > 0, "Store:StuckAfterHours must be positive")
            .Validate(o => o.DemoOrderIntervalSeconds >= 10 && o.DemoOrderHistoryDays is >= 0 and <= 90, "Store:DemoOrderIntervalSeconds must be >= 10, DemoOrderHistoryDays 0..90")
            .Validate(o => string.IsNullOrEmpty(o.DemoOrderWebhookUrl) || Uri.TryCreate(o.DemoOrderWebhookUrl, UriKind.Absolute, out _), "Store:DemoOrderWebhookUrl must be an absolute URL")
            .Validate(o => o.UsesDemoConnector || Uri.TryCreate(o.ConnectorBaseUrl, UriKind.Absolute, out _), "Store:ConnectorBaseUrl must be an absolute URL")
            .Validate(o => o.UsesDemoConnector || !string.IsNullOrEmpty(o.ConnectorKey), "Store:ConnectorKey is required with Store:ConnectorBaseUrl")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<StoreOptions>>().Value;
            byte[] key;
            if (!string.IsNullOrEmpty(o.EffectiveShopperIdentityKey))
            {
                key = Encoding.UTF8.GetBytes(o.EffectiveShopperIdentityKey);
            }
            else
            {
                key = RandomNumberGenerator.GetBytes(32);
                OrdersLog.RandomShopperKey(sp.GetRequiredService<ILogger<ShopperSignature>>());
            }
            return new ShopperSignature(key, TimeSpan.FromSeconds(o.SignatureMaxAgeSeconds), sp.GetRequiredService<TimeProvider>());
        });

        var usesDemo = builder.Configuration.GetSection(StoreOptions.Section).Get<StoreOptions>()?.UsesDemoConnector ?? true;
        if (usesDemo)
        {
            builder.Services.AddSingleton<IStoreConnector, DemoStoreConnector>();
            var store = builder.Configuration.GetSection(StoreOptions.Section).Get<StoreOptions>();
            if (!string.IsNullOrEmpty(store?.DemoOrderWebhookUrl) && !string.IsNullOrEmpty(store.DemoOrderWebhookKey))
            {
                builder.Services.AddHttpClient(nameof(DemoOrderFeed), c => c.Timeout = TimeSpan.FromSeconds(5));
                builder.Services.AddHostedService<DemoOrderFeed>();
            }
        }
        else
        {
            // The connector's own time limit (Store:ConnectorTimeoutSeconds) applies per call; no retries inside a turn.
            builder.Services.AddHttpClient<IStoreConnector, HttpStoreConnector>(c => c.Timeout = Timeout.InfiniteTimeSpan);
        }
        builder.Services.AddSingleton<OrderQuestionDetector>();
        builder.Services.AddSingleton<OrderQuestions>();
    }

    /// <summary>The demo store's shopper picker, only while the store has no signing key of its own; the demo connector over HTTP when asked.</summary>
    public static void MapOrders(this WebApplication app)
    {
        var o = app.Services.GetRequiredService<IOptions<StoreOptions>>().Value;
        if (string.IsNullOrEmpty(o.EffectiveShopperIdentityKey)) app.MapDemoShoppers();
        if (o.UsesDemoConnector && !string.IsNullOrEmpty(o.DemoConnectorKey)) app.MapDemoConnector();
    }
}
