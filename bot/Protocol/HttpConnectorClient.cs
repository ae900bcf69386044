using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.Protocol;

/// <summary>Replies through the Connector API v3 at the activity's serviceUrl (Emulator, Azure Bot Service).</summary>
public sealed class HttpConnectorClient(
    IHttpClientFactory httpClients,
    ConnectorTokenProvider tokens,
    IOptions<BotFrameworkOptions> options,
    ILogger<HttpConnectorClient> logger) : IChannelConnector
{
    public async Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        var serviceUrl = activity.ServiceUrl ?? throw new InvalidOperationException("activity has no serviceUrl");
        if (!IsAllowed(serviceUrl)) throw new InvalidOperationException("serviceUrl is not allowed while authentication is off");
        var conversationId = Uri.EscapeDataString(activity.Conversation!.Id!);
        var path = activity.ReplyToId is { } replyTo
            ? $"v3/conversations/{conversationId}/activities/{Uri.EscapeDataString(replyTo)}"
            : $"v3/conversations/{conversationId}/activities";
        var url = serviceUrl.TrimEnd('/') + "/" + path;

        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(activity, options: ProtocolJson.Options),
        };
        if (await tokens.GetTokenAsync(cancellationToken) is { } token)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await httpClients.CreateClient("connector").SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            ProtocolLog.ConnectorFailed(logger, url, (int)response.StatusCode);
            throw new HttpRequestException($"Connector answered {(int)response.StatusCode}", null, response.StatusCode);
        }
        var body = response.Content.Headers.ContentLength is 0 ? null : await response.Content.ReadFromJsonAsync<ResourceResponse>(ProtocolJson.Options, cancellationToken);
        return body ?? new ResourceResponse(null);
    }

    /// <summary>With auth off anyone could post an activity naming any serviceUrl: only loopback and configured ones are called.</summary>
    public bool IsAllowed(string serviceUrl)
    {
        var o = options.Value;
        if (o.AuthenticationEnabled) return true;
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri)) return false;
        if (uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.UserInfo)) return false;
        if (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip))) return true;
        return o.AllowedServiceUrls.Any(allowed => SameOrigin(uri, allowed));
    }

    /// <summary>Scheme, host and port compared exactly (a string prefix would let …net.evil.tld and …net@evil.tld through).</summary>
    private static bool SameOrigin(Uri candidate, string allowed) =>
        Uri.TryCreate(allowed, UriKind.Absolute, out var origin)
        && string.Equals(candidate.Scheme, origin.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(candidate.IdnHost, origin.IdnHost, StringComparison.OrdinalIgnoreCase)
        && candidate.Port == origin.Port;
}

/// <summary>Collects replies for deliveryMode expectReplies, returned in the HTTP response instead of posted.</summary>
public sealed class BufferedConnector : IChannelConnector
{
    public List<Activity> Activities { get; } = [];

    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        activity.Id ??= Guid.NewGuid().ToString("N");
        Activities.Add(activity);
        return Task.FromResult(new ResourceResponse(activity.Id));
    }
}
