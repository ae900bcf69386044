using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ChatSupport.HandoffDashboard.Tests.Support;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSupport.HandoffDashboard.Tests.Auth;

/// <summary>
/// The one anti-forgery check (Auth/ApiAntiforgery) covers every state-changing API route the running dashboard
/// has, found from its own endpoint table, so a route added later without the check fails here.
/// </summary>
public sealed partial class AntiforgeryCoverageTests
{
    private static readonly string[] Unsafe = [HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete];

    [Fact]
    public async Task EveryStateChangingApiRouteRefusesASignedInCallWithoutTheToken()
    {
        await using var host = await DashboardHost.StartAsync();
        var admin = await host.AdminAsync();
        using var noToken = new HttpClient(new HttpClientHandler { CookieContainer = admin.Cookies }) { BaseAddress = host.Dashboard.BaseAddress };

        var routes = (
            from endpoint in host.Dashboard.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            let pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/')
            where pattern.StartsWith("/api/", StringComparison.Ordinal)
            from method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []
            where Unsafe.Contains(method)
            select (Method: method, Pattern: pattern, Endpoint: endpoint)).ToList();

        // Exempt only what cannot carry a session: anonymous routes that opt out explicitly.
        var exempt = routes.Where(r => r.Endpoint.Metadata.GetMetadata<IAntiforgeryMetadata>() is { RequiresValidation: false }).ToList();
        Assert.Equal(["POST /api/auth/login", "POST /api/store/orders"], exempt.Select(r => $"{r.Method} {r.Pattern}").Order());
        Assert.All(exempt, r => Assert.NotNull(r.Endpoint.Metadata.GetMetadata<IAllowAnonymous>()));

        var checkedRoutes = routes.Except(exempt).ToList();
        var groups = checkedRoutes.Select(r => r.Pattern.Split('/')[2]).Distinct().Order().ToList();
        // Every feature with writes: a route group missing from this list has lost its writes or its check.
        Assert.Superset(new HashSet<string>
        {
            "agents", "auth", "canned-replies", "complaints", "conversations", "customers", "follow-ups", "handovers", "knowledge",
            "follow-up-programmes", "labels", "phrase-check",
        }, groups.ToHashSet());

        var refusedWithout = new List<string>();
        foreach (var (method, pattern, _) in checkedRoutes)
        {
            var path = Parameter().Replace(pattern, "t-1");
            using var request = new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/'))
            {
                Content = new StringContent("{}", Encoding.UTF8, "application/json"),
            };
            using var response = await noToken.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.BadRequest && body.Contains("X-CSRF-TOKEN", StringComparison.Ordinal)) refusedWithout.Add($"{method} {pattern}");
        }
        Assert.Equal(checkedRoutes.Select(r => $"{r.Method} {r.Pattern}").Order(), refusedWithout.Order());

        // The same session with the token gets past the check (the route's own answer, not the refusal).
        var withToken = await admin.Http.PutAsync("api/agents/me/status", new StringContent("{\"status\":\"away\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        // Nothing a refused call would have done happened: the admin is still signed in (POST /api/auth/logout was refused).
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("api/auth/me")).StatusCode);
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
