using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChatSupport.Bot.Orders.Connector;
using ChatSupport.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatSupport.Bot.Tests.Orders;

/// <summary>
/// A store's connector on 127.0.0.1 speaking the README contract: it checks the bot's request signature (401 otherwise)
/// and serves the demo orders, or misbehaves as told (slow, broken JSON, 500).
/// </summary>
internal sealed class StoreConnectorStandIn : IAsyncDisposable
{
    public const string Key = "test-connector-key";
    public enum Mode { Normal, Slow, BrokenJson, ServerError }

    private RunningApp _app = null!;
    private readonly DemoStoreConnector _orders = new(TimeProvider.System);
    public Mode Behaviour { get; set; }
    public List<string> Paths { get; } = [];
    public Uri BaseAddress => new(_app.BaseAddress, "store-api/");

    public static async Task<StoreConnectorStandIn> StartAsync()
    {
        var standIn = new StoreConnectorStandIn();
        standIn._app = await RunningApp.StartAsync(args =>
        {
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.Use(async (http, next) =>
            {
                lock (standIn.Paths) standIn.Paths.Add(http.Request.Path + http.Request.QueryString);
                var ts = http.Request.Headers[ConnectorRequestSignature.TimestampHeader].ToString();
                var given = http.Request.Headers[ConnectorRequestSignature.SignatureHeader].ToString();
                var expected = long.TryParse(ts, out var t)
                    ? ConnectorRequestSignature.Compute(Encoding.UTF8.GetBytes(Key), t, http.Request.Method, http.Request.Path + http.Request.QueryString)
                    : "";
                if (expected.Length == 0 || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given))
                    || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - t) > 300)
                {
                    http.Response.StatusCode = 401;
                    return;
                }
                switch (standIn.Behaviour)
                {
                    case Mode.Slow:
                        await Task.Delay(TimeSpan.FromSeconds(10), http.RequestAborted).ContinueWith(_ => { });
                        return;
                    case Mode.BrokenJson:
                        http.Response.ContentType = "application/json";
                        await http.Response.WriteAsync("{\"orders\":[{\"orderId\":");
                        return;
                    case Mode.ServerError:
                        http.Response.StatusCode = 500;
                        return;
                }
                await next();
            });
            app.MapGet("/store-api/shoppers/{id}/orders", async (string id, int? limit) =>
                Results.Json(new { orders = (await standIn._orders.RecentOrdersAsync(id, limit ?? 10, default)).Value }));
            app.MapGet("/store-api/orders/{id}", async (string id) =>
                (await standIn._orders.OrderAsync(id, default)) is { Ok: true } found ? Results.Json(found.Value) : Results.NotFound());
            return app;
        });
        return standIn;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
