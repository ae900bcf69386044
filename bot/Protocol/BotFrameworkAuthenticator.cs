using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ChatSupport.Bot.Protocol;

/// <summary>
/// Checks the Bot Framework JWT on requests from a channel: RS256 signature against the keys in the
/// OpenID metadata (Bot Connector's, or the Emulator's), issuer, expiry with 5 minutes of skew, the
/// serviceUrl claim against the activity, and the key's channel endorsements. Whose token it is: Bot
/// Connector's name our app id as audience; the Emulator's (Azure AD tokens, whose audience is not the bot)
/// carry the app id they were issued to in <c>appid</c> (v1) or <c>azp</c> (v2), as the SDK checks.
/// </summary>
public sealed class BotFrameworkAuthenticator
{
    private readonly BotFrameworkOptions _options;
    private readonly IReadOnlyList<ConfigurationManager<OpenIdConnectConfiguration>> _metadata;
    private const string ConnectorIssuer = "https://api.botframework.com";
    private readonly JsonWebTokenHandler _handler = new();

    public BotFrameworkAuthenticator(IOptions<BotFrameworkOptions> options, IHttpClientFactory httpClients)
    {
        _options = options.Value;
        _metadata = new[] { _options.OpenIdMetadataUrl, _options.EmulatorOpenIdMetadataUrl }
            .Where(u => !string.IsNullOrEmpty(u))
            .Distinct()
            .Select(url => new ConfigurationManager<OpenIdConnectConfiguration>(url, new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever(httpClients.CreateClient("openid")) { RequireHttps = url.StartsWith("https://", StringComparison.Ordinal) })
            {
                AutomaticRefreshInterval = TimeSpan.FromDays(1),
            })
            .ToList();
    }

    /// <returns>null when valid; otherwise the reason (for the log, never for the caller).</returns>
    public async Task<string?> ValidateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(authorizationHeader) || !authorizationHeader.StartsWith("Bearer ", StringComparison.Ordinal))
            return "missing bearer token";
        var token = authorizationHeader[7..].Trim();

        var keys = new List<SecurityKey>();
        foreach (var manager in _metadata)
        {
            try
            {
                var config = await manager.GetConfigurationAsync(cancellationToken);
                keys.AddRange(config.SigningKeys);
            }
            catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or IOException)
            {
                // One metadata source being unreachable must not block the other.
            }
        }
        if (keys.Count == 0) return "no signing keys available from OpenID metadata";

        var parameters = new TokenValidationParameters
        {
            ValidIssuers = _options.ValidIssuers,
            // Checked below, per issuer: Emulator tokens are not addressed to the bot.
            ValidateAudience = false,
            IssuerSigningKeys = keys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ClockSkew = TimeSpan.FromMinutes(5),
            RequireExpirationTime = true,
            RequireSignedTokens = true,
        };
        var result = await _handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            // An unknown kid may mean the keys rolled over: refresh once and try again.
            foreach (var manager in _metadata) manager.RequestRefresh();
            return $"invalid token: {result.Exception?.GetType().Name}";
        }

        var connectorIssued = result.Issuer == ConnectorIssuer;
        if (connectorIssued)
        {
            if (result.SecurityToken is not JsonWebToken connectorToken || !connectorToken.Audiences.Contains(_options.MicrosoftAppId, StringComparer.Ordinal))
                return "token not issued for this bot (audience)";
        }
        else
        {
            var version = result.Claims.TryGetValue("ver", out var ver) ? ver as string : null;
            var appIdClaim = version == "2.0" ? "azp" : "appid";
            if (!result.Claims.TryGetValue(appIdClaim, out var appId) || !string.Equals(appId as string, _options.MicrosoftAppId, StringComparison.Ordinal))
                return $"Emulator token not issued for this bot ({appIdClaim})";
        }

        if (result.Claims.TryGetValue("serviceurl", out var serviceUrl) || result.Claims.TryGetValue("serviceUrl", out serviceUrl))
        {
            if (!string.Equals(serviceUrl as string, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
                return "serviceUrl claim does not match the activity";
        }
        else if (connectorIssued)
        {
            return "serviceUrl claim missing";
        }

        if (result.SecurityToken is JsonWebToken jwt && keys.FirstOrDefault(k => k.KeyId == jwt.Kid) is JsonWebKey key
            && key.AdditionalData.TryGetValue("endorsements", out var endorsements) && endorsements is System.Collections.IEnumerable list
            && activity.ChannelId is not null
            && !list.Cast<object>().Select(e => e?.ToString()).Contains(activity.ChannelId))
        {
            return "signing key is not endorsed for this channel";
        }
        return null;
    }
}
