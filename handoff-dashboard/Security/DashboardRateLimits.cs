using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ChatSupport.HandoffDashboard.Security;

/// <summary>
/// Section "Dashboard:RateLimits": how much one agent, one address and everyone together may ask of one dashboard
/// instance per window. Counted in memory per instance (N instances behind a balancer allow N times the overall
/// figure). The address is the connection's, or X-Forwarded-For's only from the proxies in Dashboard:Proxy
/// (<see cref="ProxyOptions"/>): otherwise anyone could name a fresh address per request. An office behind one NAT
/// shares an address, hence the per-address figures are several agents' worth.
/// </summary>
public sealed class DashboardRateLimitOptions
{
    public const string SectionName = "Dashboard:RateLimits";

    /// <summary>State-changing API calls (replies, accept, transfer, close, admin).</summary>
    [Required] public DashboardRateLimit Posts { get; set; } = new() { PerAgent = 300, PerAddress = 1500, Overall = 6000 };

    /// <summary>API reads (queue, transcripts, reports, search).</summary>
    [Required] public DashboardRateLimit Reads { get; set; } = new() { PerAgent = 1200, PerAddress = 6000, Overall = 30000 };

    /// <summary>SignalR connection attempts (negotiate and the WebSocket upgrade; an open connection costs nothing more).</summary>
    [Required] public DashboardRateLimit Hub { get; set; } = new() { PerAgent = 30, PerAddress = 300, Overall = 3000 };

    /// <summary>Sign-in attempts (anonymous, so per address and overall; per user name the sign-in throttle applies too).</summary>
    [Required] public DashboardRateLimit SignIn { get; set; } = new() { PerAgent = 0, PerAddress = 60, Overall = 600 };
}

/// <summary>Requests allowed per <see cref="WindowSeconds"/>; 0 = no limit of that kind.</summary>
public sealed class DashboardRateLimit
{
    [Range(0, int.MaxValue)] public int PerAgent { get; set; }
    [Range(0, int.MaxValue)] public int PerAddress { get; set; }
    [Range(0, int.MaxValue)] public int Overall { get; set; }
    [Range(1, 3600)] public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// The dashboard's fair limits, on ASP.NET Core's rate limiter: three chained fixed windows (per agent, per address,
/// overall) for each kind of request. A refused request is refused before its endpoint runs, so nothing it would have
/// done is half done, and everything accepted before it stands: 429 with a JSON error and Retry-After. Health checks,
/// pages and static files are not limited.
/// </summary>
public static class DashboardRateLimits
{
    public const string SignIn = "signin";
    public const string Hub = "hub";
    public const string Posts = "posts";
    public const string Reads = "reads";

    public static void AddDashboardRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DashboardRateLimitOptions>().Bind(builder.Configuration.GetSection(DashboardRateLimitOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<DashboardRateLimitOptions>>((limiter, limits) =>
        {
            var o = limits.Value;
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(o, KindOf(http), "agent", AgentOf(http))),
                PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(o, KindOf(http), "address", AddressOf(http))),
                PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(o, KindOf(http), "overall", "*")));
            limiter.OnRejected = (context, _) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                var http = context.HttpContext;
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return new ValueTask(Results.Json(
                    new { error = new { code = "TooManyRequests", message = "操作太频繁了，请稍等片刻再试。" } },
                    statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(http));
            };
        });
    }

    /// <summary>After authentication (the per-agent limit needs to know the agent), before anything does work.</summary>
    public static void UseDashboardRateLimits(this WebApplication app) => app.UseRateLimiter();

    /// <summary>Which limit a request counts against; null for what is not limited (pages, static files, health).</summary>
    public static string? KindOf(HttpContext http)
    {
        var path = http.Request.Path;
        var method = http.Request.Method;
        if (path.StartsWithSegments("/hubs"))
            return IsWebSocketUpgrade(http) || path.Value!.EndsWith("/negotiate", StringComparison.Ordinal) ? Hub : null;
        if (!path.StartsWithSegments("/api")) return null;
        if (HttpMethods.IsPost(method) && path.StartsWithSegments("/api/auth/login")) return SignIn;
        return HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) ? Reads : Posts;
    }

    // The WebSocket feature is added by the hub's own middleware, after this point: the upgrade header is what there is.
    private static bool IsWebSocketUpgrade(HttpContext http) =>
        http.WebSockets.IsWebSocketRequest || string.Equals(http.Request.Headers.Upgrade.ToString(), "websocket", StringComparison.OrdinalIgnoreCase);

    private static string? AgentOf(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true ? http.User.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    private static string AddressOf(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is null) return "unknown";
        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }

    private static RateLimitPartition<string> Partition(DashboardRateLimitOptions options, string? kind, string scope, string? who)
    {
        if (kind is null || who is null) return RateLimitPartition.GetNoLimiter("unlimited");
        var limit = kind switch
        {
            SignIn => options.SignIn,
            Hub => options.Hub,
            Posts => options.Posts,
            _ => options.Reads,
        };
        var permits = scope switch
        {
            "agent" => limit.PerAgent,
            "address" => limit.PerAddress,
            _ => limit.Overall,
        };
        var key = $"{kind} {scope} {who}";
        if (permits <= 0) return RateLimitPartition.GetNoLimiter(key);
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromSeconds(limit.WindowSeconds),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
