using System.Net;

namespace ChatSupport.Bot.Protocol;

/// <summary>Whether a request comes from this machine, as far as the server can tell.</summary>
public static class LocalCaller
{
    /// <summary>
    /// Loopback connection and no forwarding header left over. A reverse proxy on the same host connects from
    /// loopback for everyone: when it is a trusted proxy the forwarded-headers middleware has already replaced the
    /// remote address with the client's (and removed the header); when it is not, the header is still there and the
    /// caller is taken to be remote.
    /// </summary>
    public static bool IsLocal(HttpContext http)
    {
        var remote = http.Connection.RemoteIpAddress;
        if (remote is null || !IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote)) return false;
        var headers = http.Request.Headers;
        return !headers.ContainsKey("X-Forwarded-For") && !headers.ContainsKey("Forwarded");
    }
}
