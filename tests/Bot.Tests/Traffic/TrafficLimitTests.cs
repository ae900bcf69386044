using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using ChatSupport.Bot.Tests.Support;
using ChatSupport.HandoffContract.Keys;
using ChatSupport.TestSupport;

namespace ChatSupport.Bot.Tests.Traffic;

/// <summary>Per-address, overall and per-conversation limits (issue 11): 429 in the Direct Line shape, nothing accepted is lost.</summary>
public sealed class TrafficLimitTests
{
    private static async Task<HttpResponseMessage> ChatTokenAsync(RunningApp bot, string? forwardedFor)
    {
        using var http = bot.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "api/store/chat-token");
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await http.SendAsync(request);
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After in seconds");
        var error = (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!;
        Assert.Equal("TooManyRequests", error["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(error["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ThePerAddressLimitBelievesXForwardedForOnlyFromATrustedProxy()
    {
        using var redis = RedisServer.Start();

        // No trusted proxy: the header is ignored, so "two addresses" are one (the connection's) and share its limit.
        await using (var direct = await BotHost.StartAsync(redis, settings: ["--Traffic:Tokens:PerAddress=2"]))
        {
            Assert.Equal(HttpStatusCode.OK, (await ChatTokenAsync(direct, "198.51.100.1")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await ChatTokenAsync(direct, "198.51.100.1")).StatusCode);
            await AssertTooManyAsync(await ChatTokenAsync(direct, "198.51.100.2"));
        }

        // Behind a declared proxy each client address has its own allowance.
        await using var proxied = await BotHost.StartAsync(redis, settings: ["--Traffic:Tokens:PerAddress=2", "--Traffic:TrustedProxies:0=127.0.0.0/8"]);
        Assert.Equal(HttpStatusCode.OK, (await ChatTokenAsync(proxied, "198.51.100.1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ChatTokenAsync(proxied, "198.51.100.1")).StatusCode);
        await AssertTooManyAsync(await ChatTokenAsync(proxied, "198.51.100.1"));
        Assert.Equal(HttpStatusCode.OK, (await ChatTokenAsync(proxied, "198.51.100.2")).StatusCode);

        // Refreshing a token counts as the same kind of traffic for that address.
        var token = (await (await ChatTokenAsync(proxied, "198.51.100.3")).Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        using var http = proxied.CreateClient();
        HttpRequestMessage Request(string path, string bearer)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path);
            request.Headers.Authorization = new("Bearer", bearer);
            request.Headers.Add("X-Forwarded-For", "198.51.100.1");
            return request;
        }
        await AssertTooManyAsync(await http.SendAsync(Request("v3/directline/tokens/refresh", token)));

        // The store's own server, holding the secret, asks for a token per shopper from one address: only the overall limit applies to it.
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(Request("v3/directline/tokens/generate", BotHost.Secret))).StatusCode);
    }

    [Fact]
    public async Task TheOverallLimitHoldsAcrossAddresses()
    {
        using var redis = RedisServer.Start();
        await using var bot = await BotHost.StartAsync(redis, settings: ["--Traffic:Tokens:Overall=3", "--Traffic:TrustedProxies:0=127.0.0.1"]);
        for (var i = 1; i <= 3; i++) Assert.Equal(HttpStatusCode.OK, (await ChatTokenAsync(bot, $"198.51.100.{i}")).StatusCode);
        await AssertTooManyAsync(await ChatTokenAsync(bot, "198.51.100.4"));
    }

    [Fact]
    public async Task PostsBeyondTheAddressLimitAre429AndEveryAcceptedPostIsStoredAndAnswered()
    {
        using var redis = RedisServer.Start();
        await using var bot = await BotHost.StartAsync(redis, settings: ["--Traffic:Posts:PerAddress=3"]);
        using var mux = redis.Connect();
        await using var client = new DirectLineTestClient(bot.BaseAddress);
        await client.StartAsync(BotHost.Secret);
        await client.ConnectStreamAsync();
        await client.NextAsync(DirectLineTestClient.IsBotMessage);

        var accepted = new List<string>();
        for (var i = 0; i < 3; i++) accepted.Add(await client.PostMessageAsync("几天能到 " + i));
        var refused = await client.SendAsync(HttpMethod.Post, $"v3/directline/conversations/{Uri.EscapeDataString(client.ConversationId)}/activities",
            client.Token, new { type = "message", text = "第四条" });
        await AssertTooManyAsync(refused);

        foreach (var id in accepted) await client.NextAsync(a => DirectLineTestClient.IsBotMessage(a) && a["replyToId"]?.GetValue<string>() == id);
        // Activities only: the set also holds each bot reply's idempotency record, which is not JSON.
        var stored = (await mux.GetDatabase().SortedSetRangeByRankAsync(DirectLineKeys.Activities(client.ConversationId)))
            .Where(m => m.ToString().StartsWith('{')).ToList();
        Assert.Equal(1 + 2 * 3, stored.Count);
        Assert.DoesNotContain(stored, s => s.ToString().Contains("第四条"));
    }

    [Fact]
    public async Task ReadsOfOneConversationAreLimitedWithoutHoldingUpAnother()
    {
        using var redis = RedisServer.Start();
        await using var bot = await BotHost.StartAsync(redis, settings: ["--Traffic:Reads:PerConversation=3"]);
        await using var busy = new DirectLineTestClient(bot.BaseAddress);
        await using var calm = new DirectLineTestClient(bot.BaseAddress);
        await busy.StartAsync(BotHost.Secret);
        await calm.StartAsync(BotHost.Secret);
        Task<HttpResponseMessage> Read(DirectLineTestClient c) =>
            c.SendAsync(HttpMethod.Get, $"v3/directline/conversations/{Uri.EscapeDataString(c.ConversationId)}/activities?watermark=", c.Token);

        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await Read(busy)).StatusCode);
        await AssertTooManyAsync(await Read(busy));
        Assert.Equal(HttpStatusCode.OK, (await Read(calm)).StatusCode);
    }

    [Fact]
    public async Task OpenSocketsAreCappedPerConversationAndPerAddress()
    {
        using var redis = RedisServer.Start();
        await using var bot = await BotHost.StartAsync(redis, settings: ["--Traffic:Sockets:PerConversation=1", "--Traffic:Sockets:PerAddress=2"]);
        await using var first = new DirectLineTestClient(bot.BaseAddress);
        await using var second = new DirectLineTestClient(bot.BaseAddress);
        await using var third = new DirectLineTestClient(bot.BaseAddress);
        await first.StartAsync(BotHost.Secret);
        await second.StartAsync(BotHost.Secret);
        await third.StartAsync(BotHost.Secret);

        static async Task<HttpStatusCode?> ConnectAsync(string url, List<ClientWebSocket> open)
        {
            var socket = new ClientWebSocket();
            socket.Options.CollectHttpResponseDetails = true;
            try
            {
                await socket.ConnectAsync(new Uri(url), CancellationToken.None);
                open.Add(socket);
                return HttpStatusCode.SwitchingProtocols;
            }
            catch (WebSocketException)
            {
                var status = socket.HttpStatusCode;
                socket.Dispose();
                return status;
            }
        }

        var open = new List<ClientWebSocket>();
        try
        {
            Assert.Equal(HttpStatusCode.SwitchingProtocols, await ConnectAsync(first.StreamUrl!, open));
            Assert.Equal((HttpStatusCode)429, await ConnectAsync(first.StreamUrl!, open)); // a second socket for the same conversation
            Assert.Equal(HttpStatusCode.SwitchingProtocols, await ConnectAsync(second.StreamUrl!, open));
            Assert.Equal((HttpStatusCode)429, await ConnectAsync(third.StreamUrl!, open)); // a third for this address

            // Closing one frees its place.
            await open[0].CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            open[0].Dispose();
            open.RemoveAt(0);
            await Eventually.TrueAsync(async () =>
            {
                var status = await ConnectAsync(third.StreamUrl!, open);
                return status == HttpStatusCode.SwitchingProtocols;
            }, TimeSpan.FromSeconds(5));
        }
        finally
        {
            foreach (var socket in open) socket.Dispose();
        }
    }
}
