using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ChatSupport.Bot.Orders.Identity;
using ChatSupport.Bot.Tests.Support;
using ChatSupport.TestSupport;

namespace ChatSupport.Bot.Tests.Orders;

/// <summary>The store page's token route binds a store-signed shopper into the Direct Line token (real Redis and Kestrel).</summary>
public sealed class SignedShopperTokenTests : IAsyncLifetime
{
    public const string SigningKey = "test-store-signing-key";
    private RedisServer _redis = null!;
    private RunningApp _bot = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _redis = RedisServer.Start();
        _bot = await BotHost.StartAsync(_redis, settings: [$"--Store:SigningKey={SigningKey}"]);
        _http = _bot.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _bot.DisposeAsync();
        _redis.Dispose();
    }

    public static object Signed(string id, string name, long issuedAt, string key = SigningKey) =>
        new { shopper = new { id, name, issuedAt, signature = ShopperSignature.Compute(Encoding.UTF8.GetBytes(key), id, name, issuedAt) } };

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    [Fact]
    public async Task ASignedShopperIsBoundIntoTheTokenAndTheClientCannotClaimAnotherId()
    {
        var response = await _http.PostAsJsonAsync("/api/store/chat-token", Signed("u-1001", "张三", Now));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();

        await using var shopper = new DirectLineTestClient(_bot.BaseAddress);
        var started = await shopper.SendAsync(HttpMethod.Post, "v3/directline/conversations", token, new { user = new { id = "shopper-u-9999", name = "冒名" } });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var body = (await started.Content.ReadFromJsonAsync<JsonObject>())!;
        var conversationId = body["conversationId"]!.GetValue<string>();
        var conversationToken = body["token"]!.GetValue<string>();

        var posted = await shopper.SendAsync(HttpMethod.Post, $"v3/directline/conversations/{conversationId}/activities", conversationToken,
            new { type = "message", text = "你好", from = new { id = "shopper-u-9999", name = "冒名" } });
        posted.EnsureSuccessStatusCode();
        var activities = await shopper.SendAsync(HttpMethod.Get, $"v3/directline/conversations/{conversationId}/activities", conversationToken);
        var mine = (await activities.Content.ReadFromJsonAsync<JsonObject>())!["activities"]!.AsArray()
            .Single(a => a!["type"]!.GetValue<string>() == "message" && a["from"]!["role"]?.GetValue<string>() == "user");
        Assert.Equal("shopper-u-1001", mine!["from"]!["id"]!.GetValue<string>());
        Assert.Equal("张三", mine["from"]!["name"]!.GetValue<string>());

        // A refreshed token still names the same shopper.
        var refreshed = await shopper.SendAsync(HttpMethod.Post, "v3/directline/tokens/refresh", conversationToken);
        var refreshedToken = (await refreshed.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        var again = await shopper.SendAsync(HttpMethod.Post, $"v3/directline/conversations/{conversationId}/activities", refreshedToken,
            new { type = "message", text = "在吗", from = new { id = "x", name = "y" } });
        again.EnsureSuccessStatusCode();
        var all = await shopper.SendAsync(HttpMethod.Get, $"v3/directline/conversations/{conversationId}/activities", refreshedToken);
        var second = (await all.Content.ReadFromJsonAsync<JsonObject>())!["activities"]!.AsArray().Single(a => a!["text"]?.GetValue<string>() == "在吗");
        Assert.Equal("shopper-u-1001", second!["from"]!["id"]!.GetValue<string>());
        Assert.Equal("张三", second["from"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheShopperIdentityKeyIsReadUnderItsOwnNameAndWinsOverTheOldName()
    {
        const string identityKey = "test-shopper-identity-key";
        await using var bot = await BotHost.StartAsync(_redis, settings:
            [$"--Store:ShopperIdentityKey={identityKey}", "--Store:SigningKey=an-old-key-left-in-the-config"]);
        using var http = bot.CreateClient();

        var signedWithNewName = await http.PostAsJsonAsync("/api/store/chat-token", Signed("u-2002", "李四", Now, key: identityKey));
        var signedWithOldName = await http.PostAsJsonAsync("/api/store/chat-token", Signed("u-2002", "李四", Now, key: "an-old-key-left-in-the-config"));

        Assert.Equal(HttpStatusCode.OK, signedWithNewName.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, signedWithOldName.StatusCode);
    }

    [Fact]
    public async Task AWrongSignatureIsRefusedWithADirectLineError()
    {
        var response = await _http.PostAsJsonAsync("/api/store/chat-token", Signed("u-1001", "张三", Now, key: "not-the-store-key"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!;
        Assert.Equal("BadSignature", error["code"]!.GetValue<string>());
        Assert.Contains("signature", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task AStaleIssuedAtIsRefusedSoACapturedIdentityCannotBeReplayed()
    {
        var response = await _http.PostAsJsonAsync("/api/store/chat-token", Signed("u-1001", "张三", Now - 3600));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("TokenExpired", (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task BrokenJsonIsABadRequestAndNoBodyStaysAnonymous()
    {
        var broken = await _http.PostAsync("/api/store/chat-token", new StringContent("{\"shopper\":", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal("BadArgument", (await broken.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]!.GetValue<string>());

        var anonymous = await _http.PostAsync("/api/store/chat-token", null);
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        var token = (await anonymous.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload += new string('=', (4 - payload.Length % 4) % 4);
        var claims = JsonNode.Parse(Convert.FromBase64String(payload))!;
        Assert.StartsWith("dl_", claims["user"]!.GetValue<string>());
        Assert.Null(claims["name"]);
    }

    [Fact]
    public async Task AnOversizedBodyIsRefusedWithoutBeingParsed()
    {
        var huge = "{\"shopper\":{\"id\":\"u-1\",\"name\":\"" + new string('张', 5000) + "\"}}";
        var response = await _http.PostAsync("/api/store/chat-token", new StringContent(huge, Encoding.UTF8, "application/json"));
        Assert.Equal((HttpStatusCode)413, response.StatusCode);
        Assert.Equal("MessageSizeTooBig", (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task WithItsOwnSigningKeyTheStoreOffersNoDemoShopperSigning()
    {
        var response = await _http.PostAsync("/api/store/demo-shoppers/demo-lilei/sign", null);
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
