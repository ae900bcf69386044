using ChatSupport.HandoffContract.Keys;
using StackExchange.Redis;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatSupport.Bot.Tests.Support;
using ChatSupport.TestSupport;

namespace ChatSupport.Bot.Tests.DirectLine;

public sealed class DirectLineConversationTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private RunningApp _bot = null!;

    public async Task InitializeAsync()
    {
        _redis = RedisServer.Start();
        _bot = await BotHost.StartAsync(_redis);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        _redis.Dispose();
    }

    [Fact]
    public async Task GreetsOnStartThenEchoesTheShoppersMessageAndAnswersIt()
    {
        await using var client = new DirectLineTestClient(_bot.BaseAddress);
        await client.StartAsync(BotHost.Secret);
        await client.ConnectStreamAsync();

        var greeting = await client.NextAsync(DirectLineTestClient.IsBotMessage);
        Assert.Contains("欢迎", greeting["text"]!.GetValue<string>());
        Assert.NotEmpty(greeting["suggestedActions"]!["actions"]!.AsArray());
        Assert.Null(greeting["replyToId"]);

        var id = await client.PostMessageAsync("几天能到", "client-1");
        var echo = await client.NextAsync(a => a["id"]?.GetValue<string>() == id);
        Assert.Equal("client-1", echo["channelData"]!["clientActivityID"]!.GetValue<string>());
        Assert.StartsWith("dl_", echo["from"]!["id"]!.GetValue<string>()); // the token's user, not what the client claimed
        Assert.EndsWith("Z", echo["timestamp"]!.GetValue<string>());

        var answer = await client.NextAsync(DirectLineTestClient.IsBotMessage);
        Assert.Equal("江浙沪 1–2 天送达。", answer["text"]!.GetValue<string>());
        Assert.Equal(id, answer["replyToId"]!.GetValue<string>());
    }

    [Fact]
    public async Task RepeatedOrSkippingAnnouncementsNeverDuplicateOrReorderWhatTheSocketSends()
    {
        await using var client = new DirectLineTestClient(_bot.BaseAddress);
        await client.StartAsync(BotHost.Secret);
        await client.ConnectStreamAsync();
        await client.NextAsync(DirectLineTestClient.IsBotMessage); // greeting, watermark 1
        var first = await client.PostMessageAsync("几天能到");
        await client.NextAsync(DirectLineTestClient.IsBotMessage); // echo 2, answer 3

        // An announcement of something already sent, and one that skips ahead of what is stored: the first must
        // be ignored, the second must make the socket read from Redis (finding nothing new), never push it.
        using var mux = _redis.Connect();
        var publisher = mux.GetSubscriber();
        await publisher.PublishAsync(RedisChannel.Literal(DirectLineKeys.ActivityStoredChannel), $"{client.ConversationId} 2 {{\"type\":\"message\",\"id\":\"repeat\"}}");
        await publisher.PublishAsync(RedisChannel.Literal(DirectLineKeys.ActivityStoredChannel), $"{client.ConversationId} 9 {{\"type\":\"message\",\"id\":\"ahead\"}}");
        var second = await client.PostMessageAsync("几天能到");
        await client.NextAsync(a => DirectLineTestClient.IsBotMessage(a) && a["replyToId"]?.GetValue<string>() == second);

        var seen = new List<string>();
        while (client.Received.Reader.TryRead(out var a)) seen.Add(a["id"]!.GetValue<string>());
        Assert.DoesNotContain("repeat", seen);
        Assert.DoesNotContain("ahead", seen);
        Assert.True(string.CompareOrdinal(first, second) < 0);
    }

    [Fact]
    public async Task APostToAConversationWhoseRecordIsGoneIsRefusedAndNothingIsStored()
    {
        await using var client = new DirectLineTestClient(_bot.BaseAddress);
        await client.StartAsync(BotHost.Secret);
        await client.ConnectStreamAsync();
        await client.NextAsync(DirectLineTestClient.IsBotMessage); // greeting stored
        using var mux = _redis.Connect();
        var db = mux.GetDatabase();
        await db.KeyDeleteAsync(DirectLineKeys.Conversation(client.ConversationId));
        var watermark = await db.StringGetAsync(DirectLineKeys.Watermark(client.ConversationId));

        var response = await client.SendAsync(HttpMethod.Post, $"v3/directline/conversations/{Uri.EscapeDataString(client.ConversationId)}/activities",
            client.Token, new { type = "message", text = "几天能到" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(watermark, await db.StringGetAsync(DirectLineKeys.Watermark(client.ConversationId)));
    }

    [Fact]
    public async Task PollingReturnsActivitiesAfterTheWatermarkAndKeepsItWhenNothingIsNew()
    {
        await using var client = new DirectLineTestClient(_bot.BaseAddress);
        await client.StartAsync(BotHost.Secret);
        await client.PostMessageAsync("几天能到");

        var first = await GetActivitiesAsync(client, "");
        var activities = first["activities"]!.AsArray();
        Assert.True(activities.Count >= 3, "greeting, echo and answer");
        var watermark = first["watermark"]!.GetValue<string>();

        var again = await GetActivitiesAsync(client, watermark);
        Assert.Empty(again["activities"]!.AsArray());
        Assert.Equal(watermark, again["watermark"]!.GetValue<string>());

        var ids = activities.Select(a => a!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(ids.OrderBy(i => i, StringComparer.Ordinal), ids);
    }

    private static async Task<JsonObject> GetActivitiesAsync(DirectLineTestClient client, string watermark)
    {
        var response = await client.SendAsync(HttpMethod.Get,
            $"v3/directline/conversations/{Uri.EscapeDataString(client.ConversationId)}/activities?watermark={watermark}", client.Token);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task ATokenForOneConversationCannotReadOrWriteAnother()
    {
        await using var alice = new DirectLineTestClient(_bot.BaseAddress);
        await using var bob = new DirectLineTestClient(_bot.BaseAddress);
        await alice.StartAsync(BotHost.Secret);
        await bob.StartAsync(BotHost.Secret);

        var read = await alice.SendAsync(HttpMethod.Get, $"v3/directline/conversations/{Uri.EscapeDataString(bob.ConversationId)}/activities", alice.Token);
        var write = await alice.SendAsync(HttpMethod.Post, $"v3/directline/conversations/{Uri.EscapeDataString(bob.ConversationId)}/activities", alice.Token,
            new { type = "message", text = "hi" });
        var reconnect = await alice.SendAsync(HttpMethod.Get, $"v3/directline/conversations/{Uri.EscapeDataString(bob.ConversationId)}", alice.Token);

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reconnect.StatusCode);
        Assert.Equal("TokenInvalid", (await read.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task BadRequestsGetDirectLineErrorsAndTheConversationStaysUsable()
    {
        await using var client = new DirectLineTestClient(_bot.BaseAddress);
        await client.StartAsync(BotHost.Secret);
        var path = $"v3/directline/conversations/{Uri.EscapeDataString(client.ConversationId)}/activities";

        var noAuth = await client.SendAsync(HttpMethod.Post, path, null, new { type = "message", text = "hi" });
        var forged = await client.SendAsync(HttpMethod.Post, path, client.Token[..^4] + "AAAA", new { type = "message", text = "hi" });
        var malformed = await client.SendAsync(HttpMethod.Post, path, client.Token, "{\"type\":\"message\",");
        var noType = await client.SendAsync(HttpMethod.Post, path, client.Token, new { text = "hi" });
        var huge = await client.SendAsync(HttpMethod.Post, path, client.Token, new { type = "message", text = new string('长', 6000) });
        var unknownType = await client.SendAsync(HttpMethod.Post, path, client.Token, new { type = "somethingNew", text = "x" });
        var generateWithToken = await client.SendAsync(HttpMethod.Post, "v3/directline/tokens/generate", client.Token);

        Assert.Equal(HttpStatusCode.Unauthorized, noAuth.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noType.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknownType.StatusCode); // unknown types are ignored, not rejected
        Assert.Equal(HttpStatusCode.Forbidden, generateWithToken.StatusCode);
        foreach (var response in new[] { noAuth, forged, malformed, noType, huge })
        {
            var error = (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!;
            Assert.False(string.IsNullOrEmpty(error["message"]!.GetValue<string>()));
        }

        await client.ConnectStreamAsync();
        await client.PostMessageAsync("几天能到");
        await client.NextAsync(a => DirectLineTestClient.IsBotMessage(a) && a["text"]!.GetValue<string>().Contains("送达"));
    }

    [Fact]
    public async Task AFloodFromOneConversationIsThrottledWith429()
    {
        await using var client = new DirectLineTestClient(_bot.BaseAddress);
        await client.StartAsync(BotHost.Secret);
        var path = $"v3/directline/conversations/{Uri.EscapeDataString(client.ConversationId)}/activities";
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            statuses.Add((await client.SendAsync(HttpMethod.Post, path, client.Token, new { type = "message", text = "随便问问" + i })).StatusCode);
        }
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.OK, statuses[0]);
    }

    [Fact]
    public async Task RefreshGivesANewTokenForTheSameConversation()
    {
        await using var client = new DirectLineTestClient(_bot.BaseAddress);
        await client.StartAsync(BotHost.Secret);
        var refreshed = await client.SendAsync(HttpMethod.Post, "v3/directline/tokens/refresh", client.Token);
        refreshed.EnsureSuccessStatusCode();
        var body = (await refreshed.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(client.ConversationId, body["conversationId"]!.GetValue<string>());
        Assert.True(body["expires_in"]!.GetValue<int>() > 15 * 60);

        // Starting again with a token of a started conversation answers 200, not 201.
        var again = await client.SendAsync(HttpMethod.Post, "v3/directline/conversations", body["token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }
}
