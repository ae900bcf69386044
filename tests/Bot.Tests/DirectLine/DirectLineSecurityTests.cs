using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using ChatSupport.Bot.Tests.Support;
using ChatSupport.HandoffContract.Keys;
using ChatSupport.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace ChatSupport.Bot.Tests.DirectLine;

/// <summary>Token age, stream expiry and bounded storage of the embedded Direct Line (issue 11).</summary>
public sealed class DirectLineSecurityTests
{
    private static async Task<JsonObject> BodyAsync(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    [Fact]
    public async Task ATokenCanBeRefreshedOnlyUntilTheConversationReachesItsMaximumAge()
    {
        using var redis = RedisServer.Start();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bot = await BotHost.StartAsync(redis, clock, settings: ["--DirectLine:MaxConversationAgeHours=2"]);
        await using var client = new DirectLineTestClient(bot.BaseAddress);
        var generated = await BodyAsync(await client.SendAsync(HttpMethod.Post, "v3/directline/tokens/generate", BotHost.Secret));
        var conversationId = generated["conversationId"]!.GetValue<string>();
        var token = generated["token"]!.GetValue<string>();

        async Task<(HttpStatusCode Status, JsonObject Body)> RefreshAsync()
        {
            var response = await client.SendAsync(HttpMethod.Post, "v3/directline/tokens/refresh", token);
            return (response.StatusCode, await BodyAsync(response));
        }

        // A client refreshing every 50 minutes, as Web Chat does (every 15).
        clock.Advance(TimeSpan.FromMinutes(50));
        var (status, body) = await RefreshAsync();
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3600, body["expires_in"]!.GetValue<int>());
        token = body["token"]!.GetValue<string>();

        clock.Advance(TimeSpan.FromMinutes(50));
        (status, body) = await RefreshAsync();
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(20 * 60, body["expires_in"]!.GetValue<int>()); // capped at the conversation's two hours
        token = body["token"]!.GetValue<string>();

        clock.Advance(TimeSpan.FromMinutes(21));
        (status, body) = await RefreshAsync();
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("TokenExpired", body["error"]!["code"]!.GetValue<string>());

        // The secret cannot mint a token for it any more either; a new conversation is fine.
        var reconnect = await client.SendAsync(HttpMethod.Get, $"v3/directline/conversations/{Uri.EscapeDataString(conversationId)}", BotHost.Secret);
        Assert.Equal(HttpStatusCode.Forbidden, reconnect.StatusCode);
        Assert.Equal("TokenExpired", (await BodyAsync(reconnect))["error"]!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Post, "v3/directline/tokens/generate", BotHost.Secret)).StatusCode);
    }

    [Fact]
    public async Task AnOpenStreamIsClosedWhenTheTokenItWasOpenedWithExpires()
    {
        using var redis = RedisServer.Start();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bot = await BotHost.StartAsync(redis, clock);
        await using var client = new DirectLineTestClient(bot.BaseAddress);
        await client.StartAsync(BotHost.Secret);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(client.StreamUrl!), CancellationToken.None);
        var buffer = new byte[64 * 1024];
        var greeting = await socket.ReceiveAsync(buffer, new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        Assert.Equal(WebSocketMessageType.Text, greeting.MessageType);

        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(WebSocketState.Open, socket.State);
        clock.Advance(TimeSpan.FromMinutes(31));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        WebSocketReceiveResult result;
        do result = await socket.ReceiveAsync(buffer, timeout.Token);
        while (result.MessageType != WebSocketMessageType.Close);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, result.CloseStatus);
        Assert.Equal("Token expired", result.CloseStatusDescription);
    }

    [Fact]
    public async Task AConversationKeepsItsNewestActivitiesUpToTheCapAndTheOldestGo()
    {
        using var redis = RedisServer.Start();
        await using var bot = await BotHost.StartAsync(redis, settings: ["--DirectLine:MaxActivitiesPerConversation=10"]);
        using var mux = redis.Connect();
        await using var client = new DirectLineTestClient(bot.BaseAddress);
        await client.StartAsync(BotHost.Secret);
        await client.ConnectStreamAsync();
        await client.NextAsync(DirectLineTestClient.IsBotMessage); // greeting: watermark 1
        string lastPost = "";
        for (var i = 0; i < 8; i++)
        {
            lastPost = await client.PostMessageAsync("几天能到 " + i); // echo and answer: 2 activities each
            await client.NextAsync(a => DirectLineTestClient.IsBotMessage(a) && a["replyToId"]?.GetValue<string>() == lastPost);
        }

        var key = DirectLineKeys.Activities(client.ConversationId);
        // The set also holds each kept bot reply's idempotency record (same score, not JSON): the activities are 10.
        var members = await mux.GetDatabase().SortedSetRangeByRankAsync(key);
        Assert.Equal(10, members.Count(m => m.ToString().StartsWith('{')));
        var read = await BodyAsync(await client.SendAsync(HttpMethod.Get, $"v3/directline/conversations/{Uri.EscapeDataString(client.ConversationId)}/activities", client.Token));
        var ids = read["activities"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()).ToList();
        // 1..7 are gone, 8..17 stay: each message (even watermarks) is followed by its answer, named after it.
        Assert.Equal(Enumerable.Range(8, 10).Select(n => n % 2 == 0 ? $"{client.ConversationId}|{n:D7}" : $"{client.ConversationId}|{n - 1:D7}#0"), ids);
        Assert.Contains(lastPost, ids);
        Assert.Equal("17", read["watermark"]!.GetValue<string>());
        var ttl = await mux.GetDatabase().KeyTimeToLiveAsync(key);
        Assert.True(ttl > TimeSpan.Zero && ttl <= TimeSpan.FromHours(72));
    }

    [Fact]
    public async Task AConversationNobodyStartsLastsOnlyAsLongAsItsFirstTokenAndAStartedOneTheFullRetention()
    {
        using var redis = RedisServer.Start();
        await using var bot = await BotHost.StartAsync(redis);
        using var mux = redis.Connect();
        await using var client = new DirectLineTestClient(bot.BaseAddress);
        var generated = await BodyAsync(await client.SendAsync(HttpMethod.Post, "v3/directline/tokens/generate", BotHost.Secret));
        var key = DirectLineKeys.Conversation(generated["conversationId"]!.GetValue<string>());

        var unstarted = await mux.GetDatabase().KeyTimeToLiveAsync(key);
        Assert.True(unstarted > TimeSpan.Zero && unstarted <= TimeSpan.FromHours(1), $"unstarted TTL {unstarted}");

        var started = await client.SendAsync(HttpMethod.Post, "v3/directline/conversations", generated["token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.True(await mux.GetDatabase().KeyTimeToLiveAsync(key) > TimeSpan.FromHours(71));
    }
}
