using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.HandoffDashboard.Orders;
using Microsoft.Extensions.Options;

namespace ChatSupport.HandoffDashboard.Sales;

/// <summary>
/// The store connector's list call for backfill: <c>GET {Store:ConnectorBaseUrl}/orders?paidFrom=…&amp;paidTo=…</c> (ISO 8601,
/// signed like every connector call) answering <c>{"orders":[StoreOrder…]}</c>. Used when the webhook was down or a store
/// is connected for the first time.
/// </summary>
public sealed class StoreOrderListClient(HttpClient http, IOptions<StoreConnectorOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record ListBody(List<StoreOrder>? Orders);

    /// <summary>The paid orders in [from, to), or null with why not.</summary>
    public async Task<(IReadOnlyList<StoreOrder>? Orders, string? Problem)> PaidBetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.Configured) return (null, "还没有接入店铺订单系统（Store:ConnectorBaseUrl）。");
        var query = $"orders?paidFrom={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}&paidTo={Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture))}";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(o.ConnectorBaseUrl!.TrimEnd('/') + "/"), query));
        ShopperOrdersClient.Sign(request, o.ConnectorKey);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(Math.Max(10, o.ConnectorTimeoutSeconds)));
        try
        {
            using var response = await http.SendAsync(request, limit.Token);
            if (!response.IsSuccessStatusCode) return (null, $"订单系统返回 {(int)response.StatusCode}。");
            var body = await response.Content.ReadFromJsonAsync<ListBody>(Json, limit.Token);
            return body?.Orders is { } orders ? (orders, null) : (null, "订单系统的回复格式不对（缺少 orders）。");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "订单系统响应太慢，请稍后再试。");
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException)
        {
            return (null, "订单系统暂时不可用，请稍后再试。");
        }
    }
}
