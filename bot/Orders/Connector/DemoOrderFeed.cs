using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.Orders.Connector;

/// <summary>
/// The demo store reporting its paid orders to the dashboard's order webhook, as a real store would: at start the orders of
/// the last <see cref="StoreOptions.DemoOrderHistoryDays"/> days (so the sales charts are not empty), then one order every
/// <see cref="StoreOptions.DemoOrderIntervalSeconds"/>. Signed with <see cref="StoreOptions.DemoOrderWebhookKey"/> (the
/// dashboard's Store:OrderWebhookKey): X-Store-Timestamp and X-Store-Signature = hex HMAC-SHA256(key, ts\nPOST\npath\nbody).
/// Only with the demo connector and both settings given (run.sh does).
/// </summary>
public sealed partial class DemoOrderFeed(IHttpClientFactory http, IOptions<StoreOptions> options, TimeProvider clock, ILogger<DemoOrderFeed> logger)
    : BackgroundService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var interval = Math.Max(10, o.DemoOrderIntervalSeconds);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var backlog = new Queue<PaidOrder>(Enumerable.Range(0, o.DemoOrderHistoryDays)
            .SelectMany(d => DemoSampleOrders.ForDay(today.AddDays(-(o.DemoOrderHistoryDays - 1) + d)))
            .Where(order => order.PaidAt <= clock.GetUtcNow()));
        var nextSlot = clock.GetUtcNow().ToUnixTimeSeconds() / interval + 1;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // The dashboard may start after the bot: the history waits for it, in order.
                while (backlog.Count > 0 && await PostAsync(backlog.Peek(), stoppingToken)) backlog.Dequeue();
                if (clock.GetUtcNow().ToUnixTimeSeconds() >= nextSlot * interval && await PostAsync(DemoSampleOrders.ForSlot(nextSlot, interval), stoppingToken))
                    nextSlot++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.PostFailed(logger, ex.Message);
            }
            await Task.Delay(TimeSpan.FromSeconds(backlog.Count > 0 ? 2 : 5), clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task<bool> PostAsync(PaidOrder order, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var url = new Uri(o.DemoOrderWebhookUrl!);
        var body = JsonSerializer.Serialize(order, Json);
        var ts = clock.GetUtcNow().ToUnixTimeSeconds();
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(o.DemoOrderWebhookKey!),
            Encoding.UTF8.GetBytes(ts.ToString(CultureInfo.InvariantCulture) + "\nPOST\n" + url.AbsolutePath + "\n" + body)));
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(ConnectorRequestSignature.TimestampHeader, ts.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(ConnectorRequestSignature.SignatureHeader, signature);
        try
        {
            using var response = await http.CreateClient(nameof(DemoOrderFeed)).SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode) return true;
            Log.PostFailed(logger, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            return false;
        }
        catch (HttpRequestException ex)
        {
            Log.PostFailed(logger, ex.Message);
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2601, Level = LogLevel.Debug, Message = "Demo order webhook not delivered ({Detail}); retrying")]
        public static partial void PostFailed(ILogger logger, string detail);
    }
}
