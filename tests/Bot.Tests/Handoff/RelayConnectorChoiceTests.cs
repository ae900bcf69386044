using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ChatSupport.Bot.Tests.Support;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffContract.Keys;
using ChatSupport.TestSupport;

namespace ChatSupport.Bot.Tests.Handoff;

/// <summary>
/// Azure's Direct Line and the embedded one share the channel id <c>directline</c>: an agent's reply must go back the
/// way the conversation came in, through the Connector API at the stored serviceUrl for Azure's, in-process for ours.
/// </summary>
public sealed class RelayConnectorChoiceTests
{
    private static bool FromAgent(JsonObject a, string text) =>
        a["type"]?.GetValue<string>() == "message" && a["from"]?["id"]?.GetValue<string>()?.StartsWith("agent:") == true && a["text"]?.GetValue<string>() == text;

    [Fact]
    public async Task AnAgentReplyInAConversationStartedThroughAzuresDirectLineGoesToItsServiceUrl()
    {
        using var redis = RedisServer.Start();
        await using var azure = await BotConnectorStandIn.StartAsync();
        await using var bot = await BotHost.StartAsync(redis, clock: null, scriptedRouter: true, [.. azure.AuthSettings(), .. BotHost.AlwaysOpen]);
        using var mux = redis.Connect();
        var dashboard = new DashboardRole(mux);
        await dashboard.AgentOnlineAsync("wang");

        var incoming = azure.ActivityFromChannel("我要人工客服", channelId: "directline");
        var conversationId = incoming["conversation"]!["id"]!.GetValue<string>();
        using var http = bot.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "api/messages") { Content = new StringContent(incoming.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", azure.MintChannelToken(azure.ServiceUrl));
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
        Assert.Equal(nameof(ConversationStatus.WaitingForAgent), await dashboard.StatusAsync(conversationId));

        await dashboard.AcceptAsync(conversationId, "wang", "小王");
        await dashboard.ReplyAsync(conversationId, "wang", "小王", "您好，我是小王");

        // Before: the relay chose the embedded connector by channel id and wrote the reply into a Direct Line
        // conversation nobody reads; Azure's never got it.
        await Eventually.TrueAsync(() => azure.Replies.Any(r => FromAgent(r.Activity, "您好，我是小王")), TimeSpan.FromSeconds(15), "reply posted to Azure's serviceUrl");
        var reply = azure.Replies.First(r => FromAgent(r.Activity, "您好，我是小王"));
        Assert.Contains($"/v3/conversations/{conversationId}/activities", reply.Path);
        Assert.Equal("Bearer " + BotConnectorStandIn.IssuedAccessToken, reply.Authorization);
        Assert.Equal(0, await mux.GetDatabase().SortedSetLengthAsync(DirectLineKeys.Activities(conversationId)));
    }

    [Fact]
    public async Task AnAgentReplyInAConversationOfTheEmbeddedDirectLineStaysInProcess()
    {
        using var redis = RedisServer.Start();
        await using var azure = await BotConnectorStandIn.StartAsync();
        await using var bot = await BotHost.StartAsync(redis, clock: null, scriptedRouter: true, [.. azure.AuthSettings(), .. BotHost.AlwaysOpen]);
        using var mux = redis.Connect();
        var dashboard = new DashboardRole(mux);
        await dashboard.AgentOnlineAsync("wang");
        await using var shopper = new DirectLineTestClient(bot.BaseAddress);
        await shopper.StartAsync(BotHost.Secret);
        await shopper.ConnectStreamAsync();
        await shopper.PostMessageAsync("我要人工客服");
        await shopper.NextAsync(DirectLineTestClient.BotSays("转接人工客服"));

        await dashboard.AcceptAsync(shopper.ConversationId, "wang", "小王");
        await dashboard.ReplyAsync(shopper.ConversationId, "wang", "小王", "您好，我是小王");

        await shopper.NextAsync(a => FromAgent(a, "您好，我是小王"), TimeSpan.FromSeconds(15));
        Assert.Empty(azure.Replies);
    }
}
