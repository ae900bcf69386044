using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Tests.Support;

namespace ChatSupport.HandoffDashboard.Tests.Security;

/// <summary>
/// Fair limits on the dashboard (issue 11): per agent, per address (X-Forwarded-For believed only from a configured
/// proxy) and overall, on posts, reads, SignalR connections and sign-in; excess answers 429 with a JSON error and
/// Retry-After, and everything accepted before it stands.
/// </summary>
public sealed class RateLimitTests
{
    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After in seconds");
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal("TooManyRequests", error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task RepliesBeyondAnAgentsLimitAre429AndEveryAcceptedOneReachesTheBotInOrderWhileOtherAgentsGoOn()
    {
        await using var host = await DashboardHost.StartAsync(extraArgs: ["--Dashboard:RateLimits:Posts:PerAgent=6"]);
        var wang = await host.AgentAsync("wang", online: false); // creating and signing in is the admin's traffic and reads
        var li = await host.AgentAsync("li", online: false);
        await host.Bot.EscalateAsync("c-wang", HandoffReason.Human);
        await host.Bot.EscalateAsync("c-li", HandoffReason.Human);
        Assert.Equal(HttpStatusCode.OK, (await wang.AcceptAsync("c-wang")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await li.AcceptAsync("c-li")).StatusCode);
        await host.Bot.ConsumeAsync();

        var accepted = new List<string>();
        var refused = 0;
        for (var i = 1; i <= 9; i++)
        {
            var response = await wang.SendAsync("c-wang", "第" + i + "条", "m-" + i);
            if (response.StatusCode == HttpStatusCode.Accepted) accepted.Add("第" + i + "条");
            else
            {
                await AssertTooManyAsync(response);
                refused++;
            }
        }
        Assert.Equal(5, accepted.Count); // accept used one of the six
        Assert.Equal(4, refused);
        Assert.Equal(HttpStatusCode.Accepted, (await li.SendAsync("c-li", "另一位客服", "l-1")).StatusCode);

        var delivered = (await host.Bot.ConsumeAsync()).Where(e => e.Kind == HandoffEventKinds.AgentReplied && e.ConversationId == "c-wang").Select(e => e.Text);
        Assert.Equal(accepted, delivered);
    }

    [Fact]
    public async Task ReadsAndHubConnectionsAreLimitedPerAgent()
    {
        await using var host = await DashboardHost.StartAsync(extraArgs: ["--Dashboard:RateLimits:Reads:PerAgent=4", "--Dashboard:RateLimits:Hub:PerAgent=2"]);
        var wang = await host.AgentAsync("wang", online: false); // sign-in read the antiforgery token: one read
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await wang.Http.GetAsync("api/queue")).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        await AssertTooManyAsync(await wang.Http.GetAsync("api/queue"));

        // One connection is a negotiate plus the WebSocket upgrade: the limit of 2 allows one, the next negotiate is refused.
        await using var hub = await wang.ConnectHubAsync();
        await AssertTooManyAsync(await wang.Http.PostAsync("hubs/agent/negotiate?negotiateVersion=1", null));

        // The admin is another agent with their own allowance.
        var admin = await host.AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("api/queue")).StatusCode);
    }

    private static async Task<HttpStatusCode> SignInFromAsync(HttpClient http, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/auth/login") { Content = JsonContent.Create(new { userName = "nobody", password = "wrong-password" }) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return (await http.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task SignInIsLimitedPerAddressBelievingXForwardedForOnlyFromAConfiguredProxy()
    {
        // No proxy configured: the header is ignored, so "different addresses" are one (the connection's) and share its limit.
        await using (var direct = await DashboardHost.StartAsync(extraArgs: ["--Dashboard:RateLimits:SignIn:PerAddress=3", "--Dashboard:SignIn:MaxFailuresPerAddress=1000", "--Dashboard:SignIn:MaxFailuresPerUser=1000"]))
        {
            using var http = direct.Dashboard.CreateClient();
            Assert.Equal(HttpStatusCode.Unauthorized, await SignInFromAsync(http, "198.51.100.1"));
            Assert.Equal(HttpStatusCode.Unauthorized, await SignInFromAsync(http, "198.51.100.2"));
            Assert.Equal(HttpStatusCode.Unauthorized, await SignInFromAsync(http, "198.51.100.3"));
            Assert.Equal(HttpStatusCode.TooManyRequests, await SignInFromAsync(http, "198.51.100.4"));
        }

        // Behind the configured proxy (127.0.0.1 here) each client address has its own allowance.
        await using var proxied = await DashboardHost.StartAsync(extraArgs:
            ["--Dashboard:RateLimits:SignIn:PerAddress=3", "--Dashboard:SignIn:MaxFailuresPerAddress=1000", "--Dashboard:SignIn:MaxFailuresPerUser=1000", "--Dashboard:Proxy:KnownProxies:0=127.0.0.1"]);
        using var client = proxied.Dashboard.CreateClient();
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Unauthorized, await SignInFromAsync(client, "198.51.100.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SignInFromAsync(client, "198.51.100.1"));
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInFromAsync(client, "198.51.100.2"));
    }

    [Fact]
    public async Task TheOverallLimitHoldsAcrossAgents()
    {
        await using var host = await DashboardHost.StartAsync(extraArgs: ["--Dashboard:RateLimits:Reads:Overall=8"]);
        var wang = await host.AgentAsync("wang", online: false);
        var li = await host.AgentAsync("li", online: false);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await wang.Http.GetAsync("api/queue")).StatusCode);
            statuses.Add((await li.Http.GetAsync("api/queue")).StatusCode);
        }
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.InRange(statuses.Count(s => s == HttpStatusCode.OK), 1, 8);
    }
}
