using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.Orders.Connector;

/// <summary>
/// The demo connector served over the store connector contract at <c>/demo-store/connector/</c>, so the dashboard's order
/// panel has the demo shoppers' orders under <c>./run.sh</c> as a real store's would be. Only with
/// <c>Store:DemoConnectorKey</c> set (run.sh makes one) and no real connector; every request must be signed with it.
/// </summary>
public static class DemoConnectorEndpoints
{
    public const string BasePath = "/demo-store/connector";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public static void MapDemoConnector(this WebApplication app)
    {
        var group = app.MapGroup(BasePath).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var key = http.RequestServices.GetRequiredService<IOptions<StoreOptions>>().Value.DemoConnectorKey!;
            var clock = http.RequestServices.GetRequiredService<TimeProvider>();
            return IsSigned(http.Request, Encoding.UTF8.GetBytes(key), clock.GetUtcNow()) ? await next(context) : Results.StatusCode(401);
        });
        group.MapGet("/shoppers/{id}/orders", async (string id, int? limit, IStoreConnector connector, CancellationToken ct) =>
            Results.Json(new { orders = (await connector.RecentOrdersAsync(id, Math.Clamp(limit ?? 10, 1, 50), ct)).Value }));
        // The list call for backfill (paid orders in [paidFrom, paidTo)): the demo store's sample orders, the same the webhook sends.
        group.MapGet("/orders", (DateTimeOffset? paidFrom, DateTimeOffset? paidTo, TimeProvider clock, IOptions<StoreOptions> options) =>
        {
            var now = clock.GetUtcNow();
            var to = paidTo is { } t && t < now ? t : now;
            var from = paidFrom ?? to.AddDays(-7);
            if (from > to || to - from > TimeSpan.FromDays(92)) return Results.BadRequest();
            var interval = Math.Max(10, options.Value.DemoOrderIntervalSeconds);
            var days = Enumerable.Range(0, (int)(to - from).TotalDays + 2).Select(d => DateOnly.FromDateTime(from.UtcDateTime).AddDays(d))
                .SelectMany(DemoSampleOrders.ForDay);
            var live = Enumerable.Range(0, (int)Math.Min(2000, (to - from).TotalSeconds / interval + 1))
                .Select(i => DemoSampleOrders.ForSlot(to.ToUnixTimeSeconds() / interval - i, interval));
            return Results.Json(new { orders = days.Concat(live).Where(o => o.PaidAt >= from && o.PaidAt < to).OrderBy(o => o.PaidAt) },
                new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        });
        group.MapGet("/orders/{id}", async (string id, IStoreConnector connector, CancellationToken ct) =>
            await connector.OrderAsync(id, ct) is { Ok: true } found ? Results.Json(found.Value) : Results.NotFound());
    }

    private static bool IsSigned(HttpRequest request, byte[] key, DateTimeOffset now)
    {
        if (!long.TryParse(request.Headers[ConnectorRequestSignature.TimestampHeader], NumberStyles.None, CultureInfo.InvariantCulture, out var ts)
            || Math.Abs(now.ToUnixTimeSeconds() - ts) > Window.TotalSeconds)
            return false;
        var expected = Encoding.ASCII.GetBytes(ConnectorRequestSignature.Compute(key, ts, request.Method,
            request.PathBase + request.Path + request.QueryString));
        var given = Encoding.ASCII.GetBytes(request.Headers[ConnectorRequestSignature.SignatureHeader].ToString());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
