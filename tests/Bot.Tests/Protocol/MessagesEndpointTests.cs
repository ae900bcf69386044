using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ChatSupport.Bot.Tests.Support;
using ChatSupport.TestSupport;
using Microsoft.IdentityModel.Tokens;

namespace ChatSupport.Bot.Tests.Protocol;

public sealed class MessagesEndpointTests
{
    private static async Task<HttpResponseMessage> PostAsync(RunningApp bot, JsonObject activity, string? bearer = null)
    {
        using var http = bot.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task WithoutAnAppIdItRunsOpenLikeTheEmulatorExpectsAndRepliesThroughTheConnector()
    {
        using var redis = RedisServer.Start();
        await using var standIn = await BotConnectorStandIn.StartAsync();
        await using var bot = await BotHost.StartAsync(redis);

        var incoming = standIn.ActivityFromChannel("几天能到");
        var response = await PostAsync(bot, incoming);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = standIn.Replies.Single(r => r.Activity["type"]!.GetValue<string>() == "message");
        Assert.Equal("", reply.Authorization);
        Assert.EndsWith($"/v3/conversations/{incoming["conversation"]!["id"]}/activities/{incoming["id"]}", reply.Path);
        Assert.Equal("江浙沪 1–2 天送达。", reply.Activity["text"]!.GetValue<string>());
        Assert.Equal("bot-1", reply.Activity["from"]!["id"]!.GetValue<string>());
        Assert.Equal("user-1", reply.Activity["recipient"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task WithoutAnAppIdItRefusesToCallAServiceUrlOffTheAllowList()
    {
        using var redis = RedisServer.Start();
        await using var standIn = await BotConnectorStandIn.StartAsync();
        await using var bot = await BotHost.StartAsync(redis);
        var incoming = standIn.ActivityFromChannel("几天能到");
        incoming["serviceUrl"] = "https://attacker.example/";

        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(bot, incoming)).StatusCode);
    }

    [Fact]
    public async Task WithAnAppIdOnlyValidChannelTokensAreAcceptedAndRepliesCarryTheBotsToken()
    {
        using var redis = RedisServer.Start();
        await using var standIn = await BotConnectorStandIn.StartAsync();
        await using var bot = await BotHost.StartAsync(redis, settings: standIn.AuthSettings());

        using var otherRsa = RSA.Create(2048);
        var incoming = standIn.ActivityFromChannel("几天能到");
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(bot, incoming)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(bot, incoming, "not-a-jwt")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await PostAsync(bot, incoming, standIn.MintChannelToken(standIn.ServiceUrl, audience: "someone-else"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await PostAsync(bot, incoming, standIn.MintChannelToken(standIn.ServiceUrl, expires: DateTime.UtcNow.AddMinutes(-6)))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await PostAsync(bot, incoming, standIn.MintChannelToken(standIn.ServiceUrl, key: new RsaSecurityKey(otherRsa) { KeyId = "stand-in-key" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await PostAsync(bot, incoming, standIn.MintChannelToken("https://elsewhere.example/"))).StatusCode);
        Assert.Empty(standIn.Replies);

        var ok = await PostAsync(bot, incoming, standIn.MintChannelToken(standIn.ServiceUrl));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var reply = standIn.Replies.Single(r => r.Activity["type"]!.GetValue<string>() == "message");
        Assert.Equal("Bearer " + BotConnectorStandIn.IssuedAccessToken, reply.Authorization);
        var tokenRequest = standIn.TokenRequests.Single();
        Assert.Equal("client_credentials", tokenRequest["grant_type"]);
        Assert.Equal("https://api.botframework.com/.default", tokenRequest["scope"]);
    }

    [Fact]
    public async Task MalformedAndIncompleteActivitiesGet400AndExpectRepliesReturnsTheReplies()
    {
        using var redis = RedisServer.Start();
        await using var standIn = await BotConnectorStandIn.StartAsync();
        await using var bot = await BotHost.StartAsync(redis);
        using var http = bot.CreateClient();

        var malformed = await http.PostAsync("api/messages", new StringContent("{\"type\":", Encoding.UTF8, "application/json"));
        var noType = await PostAsync(bot, new JsonObject { ["text"] = "hi" });
        var get = await http.GetAsync("api/messages");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noType.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);

        var incoming = standIn.ActivityFromChannel("几天能到");
        incoming["deliveryMode"] = "expectReplies";
        var response = await PostAsync(bot, incoming);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains(body["activities"]!.AsArray(), a => a!["text"]?.GetValue<string>() == "江浙沪 1–2 天送达。");
        Assert.Empty(standIn.Replies);
    }
}
