using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.DirectLine;

/// <summary>Claims of a Direct Line conversation token. <c>user</c> is the claim Web Chat reads as the user id.</summary>
public sealed record DirectLineTokenClaims(
    [property: JsonPropertyName("conv")] string ConversationId,
    [property: JsonPropertyName("user")] string UserId,
    [property: JsonPropertyName("exp")] long ExpiresAtUnix);

public enum TokenCheck
{
    Valid,
    Invalid,
    Expired,
}

/// <summary>
/// Issues and checks conversation-scoped tokens: compact JWTs signed with HMAC-SHA256, so any bot
/// instance with the same signing key can check them without a Redis round trip.
/// </summary>
public sealed class DirectLineTokenService
{
    private static readonly byte[] Header = Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}""");
    private readonly byte[] _key;
    private readonly TimeProvider _clock;
    private readonly byte[]? _secret;

    public int LifetimeSeconds { get; }

    public DirectLineTokenService(IOptions<DirectLineOptions> options, TimeProvider clock, ILogger<DirectLineTokenService> logger)
    {
        var o = options.Value;
        _clock = clock;
        LifetimeSeconds = o.TokenLifetimeSeconds;
        _secret = string.IsNullOrEmpty(o.Secret) ? null : Encoding.UTF8.GetBytes(o.Secret);
        if (!string.IsNullOrEmpty(o.TokenSigningKey))
        {
            _key = SHA256.HashData(Encoding.UTF8.GetBytes(o.TokenSigningKey));
        }
        else if (_secret is not null)
        {
            _key = HMACSHA256.HashData(_secret, "chatsupport-directline-token-signing"u8);
        }
        else
        {
            _key = RandomNumberGenerator.GetBytes(32);
            DirectLineLog.RandomSigningKey(logger);
        }
    }

    /// <summary>True when <paramref name="bearer"/> is the channel secret (constant-time comparison).</summary>
    public bool IsSecret(string bearer) =>
        _secret is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(bearer), _secret);

    public string Issue(string conversationId, string userId)
    {
        var exp = _clock.GetUtcNow().ToUnixTimeSeconds() + LifetimeSeconds;
        var payload = JsonSerializer.SerializeToUtf8Bytes(new DirectLineTokenClaims(conversationId, userId, exp));
        var signingInput = Base64Url(Header) + "." + Base64Url(payload);
        var signature = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url(signature);
    }

    public TokenCheck Check(string token, out DirectLineTokenClaims? claims)
    {
        claims = null;
        var parts = token.Split('.');
        if (parts.Length != 3) return TokenCheck.Invalid;
        var expected = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        byte[] actual;
        try
        {
            actual = FromBase64Url(parts[2]);
            if (!CryptographicOperations.FixedTimeEquals(expected, actual)) return TokenCheck.Invalid;
            claims = JsonSerializer.Deserialize<DirectLineTokenClaims>(FromBase64Url(parts[1]));
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return TokenCheck.Invalid;
        }
        if (claims is null || string.IsNullOrEmpty(claims.ConversationId)) return TokenCheck.Invalid;
        return claims.ExpiresAtUnix <= _clock.GetUtcNow().ToUnixTimeSeconds() ? TokenCheck.Expired : TokenCheck.Valid;
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        s += (s.Length % 4) switch { 2 => "==", 3 => "=", 0 => "", _ => throw new FormatException("bad base64url") };
        return Convert.FromBase64String(s);
    }
}
