using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.Protocol;

/// <summary>
/// OAuth client-credentials token for calls to the Connector API (the bot's app id and password
/// against the configured token endpoint), cached until five minutes before it expires.
/// </summary>
public sealed class ConnectorTokenProvider(IOptions<BotFrameworkOptions> options, IHttpClientFactory httpClients, TimeProvider clock)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _renewAt;

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.AuthenticationEnabled) return null;
        if (_token is not null && clock.GetUtcNow() < _renewAt) return _token;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_token is not null && clock.GetUtcNow() < _renewAt) return _token;
            using var response = await httpClients.CreateClient("connector-token").PostAsync(o.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = o.MicrosoftAppId!,
                ["client_secret"] = o.MicrosoftAppPassword ?? "",
                ["scope"] = o.TokenScope,
            }), cancellationToken);
            response.EnsureSuccessStatusCode();
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
            _token = body["access_token"]!.GetValue<string>();
            var expiresIn = body["expires_in"]?.GetValue<int>() ?? 3600;
            _renewAt = clock.GetUtcNow().AddSeconds(Math.Max(60, expiresIn - 300));
            return _token;
        }
        finally
        {
            _gate.Release();
        }
    }
}
