using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace ChatSupport.HandoffDashboard.Security;

/// <summary>
/// Section "Dashboard:Proxy": the reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed. Only
/// from these addresses: otherwise anyone could name any client address (and escape the sign-in throttle per
/// address) or claim HTTPS. Empty (default): the headers are ignored and the connection's address is the client.
/// </summary>
public sealed class ProxyOptions
{
    public const string SectionName = "Dashboard:Proxy";

    /// <summary>Proxy IP addresses, e.g. ["127.0.0.1"] for a proxy on the same machine.</summary>
    public List<string> KnownProxies { get; set; } = [];

    public static void UseTrustedProxies(WebApplication app)
    {
        var proxies = app.Configuration.GetSection(SectionName).Get<ProxyOptions>()?.KnownProxies ?? [];
        if (proxies.Count == 0) return;
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = 1,
        };
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var proxy in proxies) options.KnownProxies.Add(IPAddress.Parse(proxy));
        app.UseForwardedHeaders(options);
    }
}
