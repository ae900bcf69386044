using System.Diagnostics;
using ChatSupport.Bot.Orders;
using ChatSupport.Bot.Orders.Connector;
using ChatSupport.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.Tests.Orders;

/// <summary>The HTTP store connector against a real Kestrel stand-in: every failure is a typed result, never an exception.</summary>
public sealed class HttpStoreConnectorTests : IAsyncLifetime
{
    private StoreConnectorStandIn _store = null!;
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public async Task InitializeAsync() => _store = await StoreConnectorStandIn.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _store.DisposeAsync();
    }

    private HttpStoreConnector Connector(string? baseUrl = null, string key = StoreConnectorStandIn.Key, double timeoutSeconds = 2) =>
        new(_http, Options.Create(new StoreOptions { ConnectorBaseUrl = baseUrl ?? _store.BaseAddress.ToString(), ConnectorKey = key, ConnectorTimeoutSeconds = timeoutSeconds }),
            TimeProvider.System, NullLogger<HttpStoreConnector>.Instance);

    [Fact]
    public async Task SignedRequestsGetTheShoppersOrdersNewestFirstAndOneOrderWithItsEvents()
    {
        var recent = await Connector().RecentOrdersAsync("demo-wangfang", 3, default);
        Assert.True(recent.Ok, recent.Detail);
        Assert.Equal(3, recent.Value!.Count);
        Assert.Equal(recent.Value.OrderByDescending(o => o.PlacedAt).Select(o => o.OrderId), recent.Value.Select(o => o.OrderId));
        Assert.Contains("/store-api/shoppers/demo-wangfang/orders?limit=3", _store.Paths);

        var order = await Connector().OrderAsync("DM20261001", default);
        Assert.True(order.Ok, order.Detail);
        Assert.Equal("顺丰速运", order.Value!.Courier);
        Assert.Equal("SF1400123456789", order.Value.TrackingNumber);
        Assert.Equal(3, order.Value.TrackingEvents.Count);
        Assert.Contains("北京朝阳区", order.Value.LatestEvent!.Description);
        Assert.Equal("保温杯 500ml", order.Value.Items.Single().Name);
    }

    [Fact]
    public async Task AWrongKeyIsRefusedAndAnUnknownOrderIsNotFound()
    {
        var refused = await Connector(key: "wrong-key").RecentOrdersAsync("demo-lilei", 5, default);
        Assert.Equal(ConnectorFailure.Refused, refused.Failure);
        var missing = await Connector().OrderAsync("DM-NOPE", default);
        Assert.Equal(ConnectorFailure.NotFound, missing.Failure);
    }

    [Fact]
    public async Task ASlowConnectorIsATimeoutWithinTheConfiguredLimit()
    {
        _store.Behaviour = StoreConnectorStandIn.Mode.Slow;
        var watch = Stopwatch.StartNew();
        var result = await Connector(timeoutSeconds: 0.5).RecentOrdersAsync("demo-lilei", 5, default);
        Assert.Equal(ConnectorFailure.Timeout, result.Failure);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.4), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task BrokenJsonIsABadResponse()
    {
        _store.Behaviour = StoreConnectorStandIn.Mode.BrokenJson;
        Assert.Equal(ConnectorFailure.BadResponse, (await Connector().RecentOrdersAsync("demo-lilei", 5, default)).Failure);
        Assert.Equal(ConnectorFailure.BadResponse, (await Connector().OrderAsync("DM20261001", default)).Failure);
    }

    [Fact]
    public async Task AServerErrorOrAClosedPortIsUnavailable()
    {
        _store.Behaviour = StoreConnectorStandIn.Mode.ServerError;
        Assert.Equal(ConnectorFailure.Unavailable, (await Connector().RecentOrdersAsync("demo-lilei", 5, default)).Failure);
        var closed = await Connector(baseUrl: $"http://127.0.0.1:{FreePort.Next()}/").RecentOrdersAsync("demo-lilei", 5, default);
        Assert.Equal(ConnectorFailure.Unavailable, closed.Failure);
    }
}

/// <summary>The bot's own demo connector over the contract (for the dashboard under run.sh), read by the bot's HTTP client.</summary>
public sealed class DemoConnectorEndpointTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private RunningApp _bot = null!;
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public async Task InitializeAsync()
    {
        _redis = RedisServer.Start();
        _bot = await Support.BotHost.StartAsync(_redis, settings: ["--Store:DemoConnectorKey=demo-connector-key"]);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _bot.DisposeAsync();
        _redis.Dispose();
    }

    private HttpStoreConnector Connector(string key) =>
        new(_http, Options.Create(new StoreOptions { ConnectorBaseUrl = new Uri(_bot.BaseAddress, "demo-store/connector/").ToString(), ConnectorKey = key,
                // The contract is under test here, not the time limit: a loaded CI machine's first request can take seconds.
                ConnectorTimeoutSeconds = 30 }),
            TimeProvider.System, NullLogger<HttpStoreConnector>.Instance);

    [Fact]
    public async Task TheDemoOrdersAreServedOverTheContractToSignedRequestsOnly()
    {
        var recent = await Connector("demo-connector-key").RecentOrdersAsync("demo-hanmeimei", 5, default);
        Assert.True(recent.Ok, recent.Detail);
        Assert.Equal(["DM20261003", "DM20260920"], recent.Value!.Select(o => o.OrderId));
        var order = await Connector("demo-connector-key").OrderAsync("DM20261003", default);
        Assert.Equal("韵达快递", order.Value!.Courier);
        Assert.Equal(ConnectorFailure.Refused, (await Connector("wrong").RecentOrdersAsync("demo-hanmeimei", 5, default)).Failure);
        using var plain = new HttpClient();
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await plain.GetAsync(new Uri(_bot.BaseAddress, "demo-store/connector/orders/DM20261003"))).StatusCode);
    }
}
