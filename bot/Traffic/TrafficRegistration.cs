using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using ChatSupport.Bot.Protocol;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.Traffic;

/// <summary>Marks an endpoint with the kind of traffic it is limited as (see <see cref="TrafficPolicies"/>).</summary>
public sealed record TrafficKind(string Policy);

public static class TrafficRegistration
{
    public static TBuilder LimitedAs<TBuilder>(this TBuilder endpoint, string policy) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new TrafficKind(policy));

    public static void AddTraffic(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TrafficOptions>()
            .Bind(builder.Configuration.GetSection(TrafficOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.TrustedProxies.All(p => TryParseProxy(p, out _, out _)), "Traffic:TrustedProxies holds an entry that is neither an IP address nor a CIDR network")
            .ValidateOnStart();
        builder.Services.AddSingleton<ConversationLimits>();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrafficOptions>>((forwarded, traffic) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults trust loopback; only what is configured is trusted here.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            forwarded.ForwardLimit = null;
            foreach (var entry in traffic.Value.TrustedProxies)
            {
                TryParseProxy(entry, out var address, out var network);
                if (address is not null) forwarded.KnownProxies.Add(address);
                else forwarded.KnownIPNetworks.Add(network!.Value);
            }
        });
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<TrafficOptions>>((limiter, traffic) =>
        {
            var o = traffic.Value;
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http =>
                    HoldsDirectLineSecret(http) ? RateLimitPartition.GetNoLimiter("secret") : Partition(o, KindOf(http), ClientAddress(http))),
                PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(o, KindOf(http), null)));
            limiter.OnRejected = (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                return new ValueTask(TooManyRequests(context.HttpContext, retryAfter, "Too many requests from this address or to this service; slow down.")
                    .ExecuteAsync(context.HttpContext));
            };
        });
    }

    /// <summary>First in the pipeline: the caller's address is settled before anything looks at it.</summary>
    public static void UseTraffic(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<TrafficOptions>>().Value.TrustedProxies.Count > 0) app.UseForwardedHeaders();
        app.UseRateLimiter();
    }

    /// <summary>A 429 in the Direct Line error shape, with Retry-After in whole seconds.</summary>
    public static IResult TooManyRequests(HttpContext http, TimeSpan retryAfter, string message)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Results.Json(ErrorResponse.Of("TooManyRequests", message), ProtocolJson.Options, statusCode: StatusCodes.Status429TooManyRequests);
    }

    /// <summary>
    /// The channel secret belongs to the store's own server, which asks for a token per shopper from one address:
    /// it is held to the overall limits only, never to the per-address ones meant for browsers.
    /// </summary>
    private static bool HoldsDirectLineSecret(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var bearer = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : http.Request.Query["t"].ToString();
        return bearer.Length > 0 && http.RequestServices.GetRequiredService<DirectLine.DirectLineTokenService>().IsSecret(bearer);
    }

    private static string? KindOf(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<TrafficKind>()?.Policy;

    private static string ClientAddress(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is null) return "unknown";
        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }

    /// <param name="address">The caller's address for the per-address limit; null for the overall one.</param>
    private static RateLimitPartition<string> Partition(TrafficOptions options, string? kind, string? address)
    {
        if (kind is null) return RateLimitPartition.GetNoLimiter("unlimited");
        var limit = options.LimitFor(kind);
        var permits = address is null ? limit.Overall : limit.PerAddress;
        var key = kind + " " + (address ?? "*");
        if (permits <= 0) return RateLimitPartition.GetNoLimiter(key);
        if (kind == TrafficPolicies.Sockets)
            return RateLimitPartition.GetConcurrencyLimiter(key, _ => new ConcurrencyLimiterOptions { PermitLimit = permits, QueueLimit = 0 });
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromSeconds(limit.WindowSeconds),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static bool TryParseProxy(string entry, out IPAddress? address, out System.Net.IPNetwork? network)
    {
        address = null;
        network = null;
        if (entry.Contains('/'))
        {
            if (!System.Net.IPNetwork.TryParse(entry, out var parsed)) return false;
            network = parsed;
            return true;
        }
        return IPAddress.TryParse(entry, out address);
    }
}
