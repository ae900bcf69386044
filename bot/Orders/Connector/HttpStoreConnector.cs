using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.Orders.Connector;

/// <summary>
/// The store connector over HTTP + JSON (contract in the README): signed requests, a hard time limit, and every failure
/// (timeout, refused connection, 5xx, bad JSON) turned into a typed <see cref="ConnectorFailure"/>, never an exception.
/// </summary>
public sealed class HttpStoreConnector(HttpClient http, IOptions<StoreOptions> options, TimeProvider clock, ILogger<HttpStoreConnector> logger)
    : IStoreConnector
{
    private sealed record OrderList([property: JsonPropertyName("orders")] IReadOnlyList<StoreOrder>? Orders);

    public async Task<ConnectorResult<IReadOnlyList<StoreOrder>>> RecentOrdersAsync(string shopperId, int limit, CancellationToken cancellationToken)
    {
        var result = await GetAsync<OrderList>($"shoppers/{Uri.EscapeDataString(shopperId)}/orders?limit={limit}", cancellationToken);
        if (!result.Ok) return ConnectorResult<IReadOnlyList<StoreOrder>>.Failed(result.Failure!.Value, result.Detail!);
        if (result.Value!.Orders is not { } orders || orders.Any(o => !IsComplete(o)))
            return ConnectorResult<IReadOnlyList<StoreOrder>>.Failed(ConnectorFailure.BadResponse, "orders missing or incomplete");
        return ConnectorResult<IReadOnlyList<StoreOrder>>.Success(orders.OrderByDescending(o => o.PlacedAt).ToList());
    }

    public async Task<ConnectorResult<StoreOrder>> OrderAsync(string orderId, CancellationToken cancellationToken)
    {
        var result = await GetAsync<StoreOrder>($"orders/{Uri.EscapeDataString(orderId)}", cancellationToken);
        if (result.Ok && !IsComplete(result.Value!)) return ConnectorResult<StoreOrder>.Failed(ConnectorFailure.BadResponse, "order incomplete");
        return result;
    }

    // System.Text.Json leaves missing properties null even when not nullable: check what the bot relies on.
    private static bool IsComplete(StoreOrder o) =>
        !string.IsNullOrEmpty(o.OrderId) && !string.IsNullOrEmpty(o.Status) && o.Items is not null && o.TrackingEvents is not null
        && o.TrackingEvents.All(e => e is not null && e.Description is not null) && o.Items.All(i => i is not null && i.Name is not null);

    private async Task<ConnectorResult<T>> GetAsync<T>(string relative, CancellationToken cancellationToken) where T : class
    {
        var o = options.Value;
        var baseUrl = new Uri(o.ConnectorBaseUrl!.TrimEnd('/') + "/");
        var uri = new Uri(baseUrl, relative);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        request.Headers.Add(ConnectorRequestSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(ConnectorRequestSignature.SignatureHeader,
            ConnectorRequestSignature.Compute(Encoding.UTF8.GetBytes(o.ConnectorKey ?? ""), timestamp, "GET", uri.PathAndQuery));
        request.Headers.Accept.ParseAdd("application/json");

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(o.ConnectorTimeoutSeconds));
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            if (response.StatusCode == HttpStatusCode.NotFound) return ConnectorResult<T>.Failed(ConnectorFailure.NotFound, uri.PathAndQuery);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                return Fail<T>(ConnectorFailure.Refused, $"{(int)response.StatusCode} from {uri.PathAndQuery}");
            if (!response.IsSuccessStatusCode) return Fail<T>(ConnectorFailure.Unavailable, $"{(int)response.StatusCode} from {uri.PathAndQuery}");
            await using var body = await response.Content.ReadAsStreamAsync(limit.Token);
            var value = await JsonSerializer.DeserializeAsync<T>(body, cancellationToken: limit.Token);
            return value is null ? Fail<T>(ConnectorFailure.BadResponse, "null body") : ConnectorResult<T>.Success(value);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail<T>(ConnectorFailure.Timeout, $"no answer from {uri.PathAndQuery} within {o.ConnectorTimeoutSeconds} s");
        }
        catch (HttpRequestException ex)
        {
            return Fail<T>(ConnectorFailure.Unavailable, ex.Message);
        }
        catch (JsonException ex)
        {
            return Fail<T>(ConnectorFailure.BadResponse, ex.Message);
        }
    }

    private ConnectorResult<T> Fail<T>(ConnectorFailure failure, string detail) where T : class
    {
        OrdersLog.ConnectorFailed(logger, failure, detail);
        return ConnectorResult<T>.Failed(failure, detail);
    }
}
