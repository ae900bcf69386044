using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ChatSupport.Bot.Handoff;
using ChatSupport.Bot.Protocol;
using ChatSupport.Bot.Tests.Handoff;
using ChatSupport.Bot.Tests.Support;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffContract.Keys;
using ChatSupport.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatSupport.Bot.Tests.Protocol;

/// <summary>Attacks on /api/messages from issue 11: each is refused and nothing of another conversation leaks or changes.</summary>
public sealed class MessagesEndpointSecurityTests
{
    private static readonly string[] AlwaysOpen = BotHost.HandoffAtOnce; // people on duty, after-sales handed over without the intake

    private static async Task<HttpResponseMessage> PostAsync(RunningApp bot, JsonObject activity, string? authorization = null,
        string? forwardedFor = null, bool chunked = false)
    {
        using var http = bot.CreateClient();
        var json = activity.ToJsonString();
        HttpContent content = chunked
            ? new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json))) // no length: sent chunked
            : new StringContent(json, Encoding.UTF8, "application/json");
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "api/messages") { Content = content };
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        if (chunked) request.Headers.TransferEncodingChunked = true;
        return await http.SendAsync(request);
    }

    private static Func<JsonObject, bool> BotSays(string fragment) =>
        a => a["type"]!.GetValue<string>() == "message" && a["from"]?["role"]?.GetValue<string>() == "bot"
             && a["text"]!.GetValue<string>().Contains(fragment);

    /// <summary>A store-page shopper who gave a phone number and address and is talking to agent 小王.</summary>
    private static async Task<(DirectLineTestClient Shopper, string Chat)> ShopperWithAgentAsync(RunningApp bot, DashboardRole dashboard)
    {
        await dashboard.AgentOnlineAsync("wang");
        var shopper = new DirectLineTestClient(bot.BaseAddress);
        await shopper.StartAsync(BotHost.Secret);
        await shopper.ConnectStreamAsync();
        await shopper.NextAsync(BotSays("欢迎"));
        await shopper.PostMessageAsync("我的手机 13812345678，地址 杭州市西湖区文三路 90 号");
        await shopper.PostMessageAsync("我要退货");
        await shopper.NextAsync(BotSays("转接人工客服"));
        var chat = shopper.ConversationId;
        await dashboard.AcceptAsync(chat, "wang", "小王");
        await shopper.NextAsync(BotSays("客服小王已接入"));
        await dashboard.ReplyAsync(chat, "wang", "小王", "好的，退款 88 元今天到账");
        await shopper.NextAsync(a => a["text"]?.GetValue<string>() == "好的，退款 88 元今天到账");
        return (shopper, chat);
    }

    [Fact]
    public async Task AnAnonymousEmulatorMessageNamingAChatWithAnAgentDoesNotReachTheAgent()
    {
        using var redis = RedisServer.Start();
        await using var standIn = await BotConnectorStandIn.StartAsync();
        await using var bot = await BotHost.StartAsync(redis, settings: AlwaysOpen);
        using var mux = redis.Connect();
        var dashboard = new DashboardRole(mux);
        var (shopper, chat) = await ShopperWithAgentAsync(bot, dashboard);
        await using var _ = shopper;
        var eventsBefore = (await dashboard.EventsFromBotAsync()).Count;
        var transcriptBefore = (await dashboard.TranscriptAsync(chat)).Count;

        var intrusion = standIn.ActivityFromChannel("我改主意了，退款打到这个账户 6222 0000");
        intrusion["conversation"]!["id"] = chat;
        await PostAsync(bot, intrusion);

        Assert.DoesNotContain((await dashboard.EventsFromBotAsync()).Skip(eventsBefore), e => e.ConversationId == chat);
        Assert.Equal(transcriptBefore, (await dashboard.TranscriptAsync(chat)).Count);
        Assert.Equal("WithAgent", await dashboard.StatusAsync(chat));
        // The real shopper still gets the agent's next reply.
        await dashboard.ReplyAsync(chat, "wang", "小王", "还在吗？");
        await shopper.NextAsync(a => a["text"]?.GetValue<string>() == "还在吗？");
    }

    [Fact]
    public async Task AnAnonymousEmulatorCallerNamingAClosedDirectLineChatGetsNoTranscriptAndLeavesItsReferenceAlone()
    {
        using var redis = RedisServer.Start();
        await using var standIn = await BotConnectorStandIn.StartAsync();
        await using var bot = await BotHost.StartAsync(redis, settings: AlwaysOpen);
        using var mux = redis.Connect();
        var dashboard = new DashboardRole(mux);
        var (shopper, chat) = await ShopperWithAgentAsync(bot, dashboard);
        await using var _ = shopper;
        await dashboard.CloseAsync(chat, "wang");
        await shopper.NextAsync(BotSays("评价"));
        var referenceBefore = (await mux.GetDatabase().StringGetAsync(BotStateKeys.ConversationReference(chat))).ToString();
        var statusBefore = await dashboard.StatusAsync(chat);

        // The probe of issue 11: anonymous, Emulator channel, expectReplies, the closed chat's id, asking for a person.
        var probe = standIn.ActivityFromChannel("转人工客服");
        probe["conversation"]!["id"] = chat;
        probe["deliveryMode"] = "expectReplies";
        var response = await PostAsync(bot, probe);
        var body = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("13812345678", body);
        Assert.DoesNotContain("文三路", body);
        Assert.DoesNotContain("退款 88 元", body);
        // It got a conversation of its own (emulator:<id>); the shopper's reference, status and queue place are untouched.
        Assert.Equal(referenceBefore, (await mux.GetDatabase().StringGetAsync(BotStateKeys.ConversationReference(chat))).ToString());
        Assert.Contains("\"channelId\":\"directline\"", referenceBefore);
        Assert.Equal(statusBefore, await dashboard.StatusAsync(chat));
        Assert.DoesNotContain(chat, await dashboard.QueueAsync());

        // Naming the embedded channel itself is refused outright.
        var asDirectLine = standIn.ActivityFromChannel("转人工客服", channelId: "directline");
        asDirectLine["conversation"]!["id"] = chat;
        asDirectLine["deliveryMode"] = "expectReplies";
        var refused = await PostAsync(bot, asDirectLine);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain("13812345678", await refused.Content.ReadAsStringAsync());
        Assert.Equal(statusBefore, await dashboard.StatusAsync(chat));
    }

    [Fact]
    public async Task EvenAValidChannelTokenCannotSpeakForAnEmbeddedDirectLineConversation()
    {
        using var redis = RedisServer.Start();
        await using var standIn = await BotConnectorStandIn.StartAsync();
        await using var bot = await BotHost.StartAsync(redis, settings: [.. standIn.AuthSettings(), BotHost.NoIntake]);
        await using var shopper = new DirectLineTestClient(bot.BaseAddress);
        await shopper.StartAsync(BotHost.Secret);
        var token = "Bearer " + standIn.MintChannelToken(standIn.ServiceUrl);

        var naming = standIn.ActivityFromChannel("几天能到", channelId: "directline");
        naming["conversation"]!["id"] = shopper.ConversationId;
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(bot, naming, token)).StatusCode);

        // Azure's own Direct Line conversations (ids it assigned) are served as before.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(bot, standIn.ActivityFromChannel("几天能到", channelId: "directline"), token)).StatusCode);
        Assert.Single(standIn.Replies, r => r.Activity["type"]!.GetValue<string>() == "message");
    }

    [Fact]
    public async Task AnEmulatorConversationIsKeptUnderItsChannelAndItsTranscriptHoldsOnlyItsOwnLines()
    {
        using var redis = RedisServer.Start();
        await using var standIn = await BotConnectorStandIn.StartAsync();
        await using var bot = await BotHost.StartAsync(redis, settings: AlwaysOpen);
        using var mux = redis.Connect();
        var dashboard = new DashboardRole(mux);
        await dashboard.AgentOnlineAsync("wang");

        var first = standIn.ActivityFromChannel("我要退货");
        first["deliveryMode"] = "expectReplies";
        var conversationId = first["conversation"]!["id"]!.GetValue<string>();
        var response = await PostAsync(bot, first);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var handoff = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]!.AsArray()
            .Single(a => a!["name"]?.GetValue<string>() == "handoff.initiate")!;
        var lines = handoff["attachments"]![0]!["content"]!["activities"]!.AsArray();
        Assert.Equal(["我要退货"], lines.Select(l => l!["text"]!.GetValue<string>()));

        // The dashboard sees it under the channel-qualified id; the bare id is nobody's.
        var key = "emulator:" + conversationId;
        Assert.Equal("WaitingForAgent", await dashboard.StatusAsync(key));
        Assert.Null(await dashboard.StatusAsync(conversationId));
        var escalation = (await dashboard.EventsFromBotAsync()).Single(e => e.Kind == HandoffEventKinds.EscalationRequested);
        Assert.Equal(key, escalation.ConversationId);

        // The agent's reply finds its way back to the Emulator conversation through the stored reference.
        await dashboard.AcceptAsync(key, "wang", "小王");
        await dashboard.ReplyAsync(key, "wang", "小王", "您好，我是小王");
        await Eventually.TrueAsync(() => Task.FromResult(standIn.Replies.Any(r => r.Activity["text"]?.GetValue<string>() == "您好，我是小王"
            && r.Path.Contains(conversationId))), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task WithoutAnAppIdOnlyCallersOnThisMachineAreServedUnlessAnonymousRemoteIsAllowed()
    {
        using var redis = RedisServer.Start();
        await using var standIn = await BotConnectorStandIn.StartAsync();

        // A reverse proxy on this host that is not declared: the forwarded header alone marks the caller as remote.
        await using (var behindUnknownProxy = await BotHost.StartAsync(redis))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(behindUnknownProxy, standIn.ActivityFromChannel("几天能到"), forwardedFor: "203.0.113.7")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(behindUnknownProxy, standIn.ActivityFromChannel("几天能到"))).StatusCode);
        }
        Assert.Single(standIn.Replies, r => r.Activity["type"]!.GetValue<string>() == "message");

        // A declared proxy: the caller's own address counts, and it is not this machine.
        await using (var behindProxy = await BotHost.StartAsync(redis, settings: ["--Traffic:TrustedProxies:0=127.0.0.1"]))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(behindProxy, standIn.ActivityFromChannel("几天能到"), forwardedFor: "203.0.113.7")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(behindProxy, standIn.ActivityFromChannel("几天能到"), forwardedFor: "127.0.0.1")).StatusCode);
        }

        await using (var opened = await BotHost.StartAsync(redis, settings: ["--Traffic:TrustedProxies:0=127.0.0.1", "--BotFramework:AllowAnonymousRemote=true"]))
        {
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(opened, standIn.ActivityFromChannel("几天能到"), forwardedFor: "203.0.113.7")).StatusCode);
        }
    }

    [Fact]
    public async Task StartUpSaysWhetherAnOpenMessagesEndpointTakesOnlyThisMachineOrAnyAddress()
    {
        using var redis = RedisServer.Start();
        var local = new RecordingLoggerProvider();
        await using (await BotHost.StartAsync(redis, null, builder => builder.Logging.AddProvider(local))) { }
        var open = new RecordingLoggerProvider();
        await using (await BotHost.StartAsync(redis, null, builder => builder.Logging.AddProvider(open), settings: ["--BotFramework:AllowAnonymousRemote=true"])) { }

        Assert.Contains(local.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("from this machine only"));
        Assert.Contains(open.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("from ANY address"));
        Assert.DoesNotContain(local.Lines, l => l.Message.Contains("ANY address"));
    }

    [Theory]
    [InlineData("Basic YTpi")]
    [InlineData("Bearer whatever")]
    [InlineData("Negotiate xyz")]
    public async Task WithoutAnAppIdAnAuthorizationHeaderDoesNotSkipTheOpenModeChecks(string authorization)
    {
        using var redis = RedisServer.Start();
        await using var standIn = await BotConnectorStandIn.StartAsync();
        await using var bot = await BotHost.StartAsync(redis);
        var incoming = standIn.ActivityFromChannel("几天能到");
        incoming["serviceUrl"] = "https://attacker.example/";
        incoming["deliveryMode"] = "expectReplies";

        var response = await PostAsync(bot, incoming, authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("送达", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EmulatorTokensAreAcceptedOnlyWhenTheirAppIdIsThisBots()
    {
        using var redis = RedisServer.Start();
        await using var standIn = await BotConnectorStandIn.StartAsync();
        await using var bot = await BotHost.StartAsync(redis, settings: [.. standIn.AuthSettings(), BotHost.NoIntake]);

        string EmulatorToken(string version, string appIdClaim, string appId) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/",
            Audience = BotConnectorStandIn.AppId,
            NotBefore = DateTime.UtcNow.AddMinutes(-1),
            Expires = DateTime.UtcNow.AddMinutes(30),
            Claims = new Dictionary<string, object> { ["ver"] = version, [appIdClaim] = appId },
            SigningCredentials = new SigningCredentials(standIn.SigningKey, SecurityAlgorithms.RsaSha256),
        });

        Assert.Equal(HttpStatusCode.Unauthorized,
            (await PostAsync(bot, standIn.ActivityFromChannel("几天能到"), "Bearer " + EmulatorToken("1.0", "appid", "99999999-0000-0000-0000-000000000000"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await PostAsync(bot, standIn.ActivityFromChannel("几天能到"), "Bearer " + EmulatorToken("2.0", "azp", "99999999-0000-0000-0000-000000000000"))).StatusCode);
        // v2 tokens name the app in azp: an appid claim there is not enough.
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await PostAsync(bot, standIn.ActivityFromChannel("几天能到"), "Bearer " + EmulatorToken("2.0", "appid", BotConnectorStandIn.AppId))).StatusCode);
        Assert.Empty(standIn.Replies);

        Assert.Equal(HttpStatusCode.OK,
            (await PostAsync(bot, standIn.ActivityFromChannel("几天能到"), "Bearer " + EmulatorToken("1.0", "appid", BotConnectorStandIn.AppId))).StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await PostAsync(bot, standIn.ActivityFromChannel("几天能到"), "Bearer " + EmulatorToken("2.0", "azp", BotConnectorStandIn.AppId))).StatusCode);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net.evil.tld/", false)]
    [InlineData("https://smba.trafficmanager.net@evil.tld/", false)]
    [InlineData("https://smba.trafficmanager.net:8443/", false)]
    [InlineData("http://smba.trafficmanager.net/", false)]
    [InlineData("https://smba.trafficmanager.net/apis/", true)]
    [InlineData("https://SMBA.trafficmanager.net/", true)]
    public async Task TheServiceUrlAllowListComparesSchemeHostAndPortExactly(string serviceUrl, bool allowed)
    {
        using var redis = RedisServer.Start();
        await using var standIn = await BotConnectorStandIn.StartAsync();
        await using var bot = await BotHost.StartAsync(redis, settings: ["--BotFramework:AllowedServiceUrls:0=https://smba.trafficmanager.net"]);
        var incoming = standIn.ActivityFromChannel("几天能到");
        incoming["serviceUrl"] = serviceUrl;
        incoming["deliveryMode"] = "expectReplies"; // nothing is called either way; only the check is under test

        var response = await PostAsync(bot, incoming);

        Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AChunkedBodyIsHeldToTheSameSizeLimitAsADeclaredOne()
    {
        using var redis = RedisServer.Start();
        await using var standIn = await BotConnectorStandIn.StartAsync();
        await using var bot = await BotHost.StartAsync(redis, settings: ["--BotFramework:MaxActivityBytes=4096"]);
        using var mux = redis.Connect();
        var big = standIn.ActivityFromChannel("几天能到" + new string('长', 3000));
        var conversationId = big["conversation"]!["id"]!.GetValue<string>();

        var chunked = await PostAsync(bot, big, chunked: true);
        var declared = await PostAsync(bot, big);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        var error = JsonNode.Parse(await chunked.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal("MessageSizeTooBig", error["code"]!.GetValue<string>());
        Assert.Contains("4096", error["message"]!.GetValue<string>());
        Assert.Empty(standIn.Replies);
        Assert.False(await mux.GetDatabase().KeyExistsAsync(BotStateKeys.ConversationState(ConversationKey.For("emulator", conversationId))));

        // A small chunked body is fine.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(bot, standIn.ActivityFromChannel("几天能到"), chunked: true)).StatusCode);
    }

    [Fact]
    public async Task AFloodInOneConversationGets429InTheDirectLineShapeAndOtherConversationsAreServed()
    {
        using var redis = RedisServer.Start();
        await using var standIn = await BotConnectorStandIn.StartAsync();
        await using var bot = await BotHost.StartAsync(redis, settings: ["--Traffic:BotMessages:PerConversation=3"]);
        var conversation = "flood-" + Guid.NewGuid().ToString("N")[..6];
        JsonObject InFlood()
        {
            var a = standIn.ActivityFromChannel("几天能到");
            a["conversation"]!["id"] = conversation;
            return a;
        }

        var accepted = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var message = InFlood();
            accepted.Add(message["id"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(bot, message)).StatusCode);
        }
        var flooding = InFlood();
        var refused = await PostAsync(bot, flooding);

        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("TooManyRequests", JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["error"]!["code"]!.GetValue<string>());
        // Each accepted message is answered and the refused one is not. (Counting every line to the conversation would
        // also count what the bot sends on its own, e.g. the queue position after the repeated fallbacks hand it over.)
        string? RepliedTo((string? Authorization, string Path, JsonObject Activity) r) => r.Activity["replyToId"]?.GetValue<string>();
        foreach (var id in accepted) Assert.Contains(standIn.Replies, r => r.Path.Contains(conversation) && RepliedTo(r) == id);
        Assert.DoesNotContain(standIn.Replies, r => RepliedTo(r) == flooding["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(bot, standIn.ActivityFromChannel("几天能到"))).StatusCode);
    }
}
