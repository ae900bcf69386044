using System.Net;
using ChatSupport.HandoffDashboard.Tests.Support;

namespace ChatSupport.HandoffDashboard.Tests.Security;

/// <summary>
/// The agent hub refuses a page of another origin (cross-site WebSocket hijacking with the agent's cookie): SignalR
/// carries no anti-forgery token, so the browser's Origin header is what tells the dashboard's own pages apart.
/// </summary>
public sealed class HubOriginTests
{
    private static Task<HttpResponseMessage> NegotiateAsync(DashboardClient agent, string? origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "hubs/agent/negotiate?negotiateVersion=1");
        if (origin is not null) request.Headers.Add("Origin", origin);
        return agent.Http.SendAsync(request);
    }

    [Fact]
    public async Task ASignedInAgentsCookieOpensTheHubFromTheDashboardsOwnOriginOrAConfiguredOneButNotFromAnotherOrigin()
    {
        await using var host = await DashboardHost.StartAsync(extraArgs: ["--Dashboard:Hubs:AllowedOrigins:0=https://desk.example.com/"]);
        var wang = await host.AgentAsync("wang", online: false);
        var own = wang.BaseAddress.GetLeftPart(UriPartial.Authority);

        Assert.Equal(HttpStatusCode.OK, (await NegotiateAsync(wang, own)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await NegotiateAsync(wang, "https://desk.example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await NegotiateAsync(wang, null)).StatusCode); // a program, not a page

        foreach (var foreign in new[] { "https://evil.example.com", "http://sub." + wang.BaseAddress.Host + ":" + wang.BaseAddress.Port, own.Replace("http://", "https://") })
        {
            var refused = await NegotiateAsync(wang, foreign);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("其他网站", await refused.Content.ReadAsStringAsync());
        }

        // The real client over WebSockets still connects (it sends no Origin), so the check costs the pages nothing.
        await using var hub = await wang.ConnectHubAsync();
    }
}
