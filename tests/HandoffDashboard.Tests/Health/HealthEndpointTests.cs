using System.Net;
using ChatSupport.HandoffDashboard.Tests.Support;

namespace ChatSupport.HandoffDashboard.Tests.Health;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task HealthAndReadinessAnswerAnonymouslyAndReadinessSays503WhenRedisIsDown()
    {
        await using var host = await DashboardHost.StartAsync();
        using var probe = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.Dashboard.BaseAddress };

        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("readyz")).StatusCode);

        host.Redis.Kill();

        // Not a redirect to the sign-in page (which a readiness check would take for success): 503.
        var ready = await probe.GetAsync("readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("healthz")).StatusCode);
    }
}
