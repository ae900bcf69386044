using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ChatSupport.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatSupport.Bot.Tests.Support;

/// <summary>
/// A local stand-in for Azure's side of the Bot Framework, speaking the real protocol: OpenID metadata
/// + signing keys (with channel endorsements), the OAuth client-credentials token endpoint, and the
/// Connector API v3 reply endpoints, which record what the bot sent.
/// </summary>
internal sealed class BotConnectorStandIn : IAsyncDisposable
{
    public const string AppId = "11111111-2222-3333-4444-555555555555";
    public const string AppPassword = "stand-in-password";
    public const string IssuedAccessToken = "access-token-from-stand-in";

    private readonly RSA _rsa = RSA.Create(2048);
    private RunningApp _app = null!;

    public Uri BaseAddress => _app.BaseAddress;
    public string ServiceUrl => _app.BaseAddress.ToString();
    public ConcurrentQueue<(string? Authorization, string Path, JsonObject Activity)> Replies { get; } = new();
    public ConcurrentQueue<Dictionary<string, string>> TokenRequests { get; } = new();
    public RsaSecurityKey SigningKey { get; }

    private BotConnectorStandIn()
    {
        SigningKey = new RsaSecurityKey(_rsa) { KeyId = "stand-in-key" };
    }

    public static async Task<BotConnectorStandIn> StartAsync()
    {
        var standIn = new BotConnectorStandIn();
        standIn._app = await RunningApp.StartAsync(args =>
        {
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapGet("/v1/.well-known/openidconfiguration", (HttpContext http) => Results.Json(new
            {
                issuer = "https://api.botframework.com",
                jwks_uri = $"{http.Request.Scheme}://{http.Request.Host}/v1/.well-known/keys",
                id_token_signing_alg_values_supported = new[] { "RS256" },
                token_endpoint_auth_methods_supported = new[] { "private_key_jwt" },
            }));
            app.MapGet("/v1/.well-known/keys", () =>
            {
                var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(standIn._rsa.ExportParameters(false)) { KeyId = "stand-in-key" });
                return Results.Json(new
                {
                    keys = new[]
                    {
                        new { kty = jwk.Kty, use = "sig", kid = jwk.Kid, n = jwk.N, e = jwk.E, endorsements = new[] { "emulator", "directline", "webchat" } },
                    },
                });
            });
            app.MapPost("/botframework.com/oauth2/v2.0/token", async (HttpContext http) =>
            {
                var form = await http.Request.ReadFormAsync();
                var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString());
                standIn.TokenRequests.Enqueue(fields);
                if (fields.GetValueOrDefault("client_id") != AppId || fields.GetValueOrDefault("client_secret") != AppPassword)
                    return Results.Json(new { error = "invalid_client" }, statusCode: 401);
                return Results.Json(new { token_type = "Bearer", expires_in = 3600, ext_expires_in = 3600, access_token = IssuedAccessToken });
            });
            app.MapPost("/v3/conversations/{conversationId}/activities/{activityId}", async (HttpContext http, string conversationId, string activityId) =>
            {
                var body = (await JsonNode.ParseAsync(http.Request.Body))!.AsObject();
                standIn.Replies.Enqueue((http.Request.Headers.Authorization.ToString(), http.Request.Path.Value!, body));
                return Results.Json(new { id = "reply-" + Guid.NewGuid().ToString("N")[..8] });
            });
            app.MapPost("/v3/conversations/{conversationId}/activities", async (HttpContext http, string conversationId) =>
            {
                var body = (await JsonNode.ParseAsync(http.Request.Body))!.AsObject();
                standIn.Replies.Enqueue((http.Request.Headers.Authorization.ToString(), http.Request.Path.Value!, body));
                return Results.Json(new { id = "send-" + Guid.NewGuid().ToString("N")[..8] });
            });
            return app;
        });
        return standIn;
    }

    /// <summary>Settings that point the bot's Bot Framework authentication at this stand-in.</summary>
    public string[] AuthSettings() =>
    [
        $"--BotFramework:MicrosoftAppId={AppId}",
        $"--BotFramework:MicrosoftAppPassword={AppPassword}",
        $"--BotFramework:OpenIdMetadataUrl={BaseAddress}v1/.well-known/openidconfiguration",
        "--BotFramework:EmulatorOpenIdMetadataUrl=",
        $"--BotFramework:TokenEndpoint={BaseAddress}botframework.com/oauth2/v2.0/token",
    ];

    /// <summary>A channel's JWT as Bot Connector signs it.</summary>
    public string MintChannelToken(string serviceUrl, string audience = AppId, DateTime? expires = null, RsaSecurityKey? key = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://api.botframework.com",
            Audience = audience,
            NotBefore = DateTime.UtcNow.AddMinutes(-10),
            IssuedAt = DateTime.UtcNow.AddMinutes(-10),
            Expires = expires ?? DateTime.UtcNow.AddMinutes(30),
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
            SigningCredentials = new SigningCredentials(key ?? SigningKey, SecurityAlgorithms.RsaSha256),
        });

    public JsonObject ActivityFromChannel(string text, string channelId = "emulator") => new()
    {
        ["type"] = "message",
        ["id"] = "incoming-" + Guid.NewGuid().ToString("N")[..8],
        ["timestamp"] = DateTime.UtcNow.ToString("O"),
        ["channelId"] = channelId,
        ["serviceUrl"] = ServiceUrl,
        ["from"] = new JsonObject { ["id"] = "user-1", ["name"] = "顾客", ["role"] = "user" },
        ["recipient"] = new JsonObject { ["id"] = "bot-1", ["name"] = "小禾", ["role"] = "bot" },
        ["conversation"] = new JsonObject { ["id"] = "emu-conv-" + Guid.NewGuid().ToString("N")[..8] },
        ["text"] = text,
        ["locale"] = "zh-CN",
    };

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _rsa.Dispose();
    }
}
