using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace ChatSupport.HandoffDashboard.Orders;

public enum OrdersFailure { NotConfigured, Timeout, Unavailable, BadResponse, Refused }

/// <summary>The orders as the connector sent them (contract: {"orders":[…]}), or why not.</summary>
public sealed record OrdersResult(JsonArray? Orders, OrdersFailure? Failure);

/// <summary>
/// Reads a shopper's recent orders through the store connector contract (signed GET, hard time limit). The dashboard
/// passes the orders on as the store sent them after checking the shape; failures are typed, never thrown.
/// </summary>
public sealed class ShopperOrdersClient(HttpClient http, IOptions<StoreConnectorOptions> options, ILogger<ShopperOrdersClient> logger)
{
    public const string TimestampHeader = "X-Store-Timestamp", SignatureHeader = "X-Store-Signature";

    public async Task<OrdersResult> RecentOrdersAsync(string shopperId, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.Configured) return new(null, OrdersFailure.NotConfigured);
        var uri = new Uri(new Uri(o.ConnectorBaseUrl!.TrimEnd('/') + "/"), $"shoppers/{Uri.EscapeDataString(shopperId)}/orders?limit={o.OrdersShown}");
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        Sign(request, o.ConnectorKey);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(o.ConnectorTimeoutSeconds));
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) return Fail(OrdersFailure.Refused, (int)response.StatusCode + "");
            if (response.StatusCode == HttpStatusCode.NotFound) return new(new JsonArray(), null); // a shopper the store does not know has no orders
            if (!response.IsSuccessStatusCode) return Fail(OrdersFailure.Unavailable, (int)response.StatusCode + "");
            var body = await JsonNode.ParseAsync(await response.Content.ReadAsStreamAsync(limit.Token), cancellationToken: limit.Token);
            if (body?["orders"] is not JsonArray orders || orders.Any(x => x is not JsonObject order || order["orderId"] is not JsonValue))
                return Fail(OrdersFailure.BadResponse, "no orders array");
            return new(orders, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail(OrdersFailure.Timeout, uri.PathAndQuery);
        }
        catch (HttpRequestException ex)
        {
            return Fail(OrdersFailure.Unavailable, ex.Message);
        }
        catch (JsonException ex)
        {
            return Fail(OrdersFailure.BadResponse, ex.Message);
        }
    }

    /// <summary>Signs a GET to the connector: the same signed text as the bot's (README, store connector contract): timestamp \n METHOD \n path-and-query.</summary>
    public static void Sign(HttpRequestMessage request, string? key)
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key ?? ""),
            Encoding.UTF8.GetBytes(ts + "\n" + request.Method.Method.ToUpperInvariant() + "\n" + request.RequestUri!.PathAndQuery));
        request.Headers.Add(TimestampHeader, ts);
        request.Headers.Add(SignatureHeader, Convert.ToHexStringLower(signature));
    }

    private OrdersResult Fail(OrdersFailure failure, string detail)
    {
        logger.LogWarning("Store connector call failed ({Failure}): {Detail}", failure, detail);
        return new(null, failure);
    }
}
