using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.DirectLine;

/// <summary>
/// Claims of a Direct Line conversation token. <c>user</c> is the claim Web Chat reads as the user id; <c>born</c> is
/// when the conversation was created (unix seconds), which bounds how long its tokens can be refreshed; <c>name</c> is
/// the display name the store vouched for (a signed shopper, see Orders/Identity), absent for anonymous shoppers.
/// </summary>
public sealed record DirectLineTokenClaims(
    [property: JsonPropertyName("conv")] string ConversationId,
    [property: JsonPropertyName("user")] string UserId,
    [property: JsonPropertyName("exp")] long ExpiresAtUnix,
    [property: JsonPropertyName("born")] long CreatedAtUnix = 0,
    [property: JsonPropertyName("name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UserName = null);

/// <summary>A token and how many seconds it is good for (less than the lifetime when the conversation nears its maximum age).</summary>
public sealed record IssuedToken(string Token, int ExpiresIn, DateTimeOffset ExpiresAt);

public enum TokenCheck
{
    Valid,
    Invalid,
    Expired,
}

/// <summary>
/// Issues and checks conversation-scoped tokens: compact JWTs signed with HMAC-SHA256, so any bot
/// instance with the same signing key can check them without a Redis round trip. A client sends the same token with
/// every post and stream until it refreshes it, so a token whose signature checked out is remembered with its claims and
/// the next check only compares its expiry with the clock.
/// </summary>
public sealed class DirectLineTokenService
{
    private static readonly byte[] Header = Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}""");

    /// <summary>
    /// Signed tokens remembered at most. When full, the expired ones go first (a refreshed conversation leaves its old
    /// token behind); only if that frees nothing does the memory start over (a flood of tokens only costs re-checks).
    /// </summary>
    internal const int MaxRememberedTokens = 20_000;

    /// <summary>Tokens whose signature and claims checked out (expired or not): only what this instance signed can be in here.</summary>
    private readonly ConcurrentDictionary<string, DirectLineTokenClaims> _signed = new(StringComparer.Ordinal);

    private readonly byte[] _key;
    private readonly TimeProvider _clock;
    private readonly byte[]? _secret;

    public int LifetimeSeconds { get; }

    /// <summary>No token of a conversation is valid beyond this age, however often it is refreshed.</summary>
    public TimeSpan MaxConversationAge { get; }

    public DirectLineTokenService(IOptions<DirectLineOptions> options, TimeProvider clock, ILogger<DirectLineTokenService> logger)
    {
        var o = options.Value;
        _clock = clock;
        LifetimeSeconds = o.TokenLifetimeSeconds;
        MaxConversationAge = TimeSpan.FromHours(o.MaxConversationAgeHours);
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
    public bool IsSecret(string bearer)
    {
        if (_secret is null) return false;
        // Asked of every request's bearer (mostly tokens, far longer than a secret), so nothing is allocated for it. Only
        // equal lengths are compared byte by byte, as FixedTimeEquals itself does.
        var length = Encoding.UTF8.GetByteCount(bearer);
        if (length != _secret.Length) return false;
        Span<byte> bytes = length <= 256 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(bearer, bytes);
        return CryptographicOperations.FixedTimeEquals(bytes, _secret);
    }

    /// <summary>A token for a conversation created just now.</summary>
    public IssuedToken IssueForNew(string conversationId, string userId, string? userName = null) =>
        Issue(conversationId, userId, _clock.GetUtcNow(), userName)
        ?? throw new InvalidOperationException("a new conversation cannot be past its maximum age");

    /// <summary>
    /// A token for a conversation created at <paramref name="createdAt"/>: it expires after the token lifetime or when
    /// the conversation reaches its maximum age, whichever comes first; null when it already has (the client must
    /// start a new conversation), so a token cannot be kept alive forever by refreshing it.
    /// </summary>
    public IssuedToken? Issue(string conversationId, string userId, DateTimeOffset createdAt, string? userName = null)
    {
        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        var born = createdAt.ToUnixTimeSeconds();
        var exp = Math.Min(now + LifetimeSeconds, born + (long)MaxConversationAge.TotalSeconds);
        if (exp <= now) return null;
        var payload = JsonSerializer.SerializeToUtf8Bytes(new DirectLineTokenClaims(conversationId, userId, exp, born, userName));
        var signingInput = Base64Url(Header) + "." + Base64Url(payload);
        var signature = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(signingInput));
        return new IssuedToken(signingInput + "." + Base64Url(signature), (int)(exp - now), DateTimeOffset.FromUnixTimeSeconds(exp));
    }

    public TokenCheck Check(string token, out DirectLineTokenClaims? claims)
    {
        if (!_signed.TryGetValue(token, out claims))
        {
            var signature = CheckSignature(token, out claims);
            if (signature != TokenCheck.Valid) return signature;
            if (_signed.Count >= MaxRememberedTokens) Forget();
            _signed[token] = claims!;
        }
        return claims!.ExpiresAtUnix <= _clock.GetUtcNow().ToUnixTimeSeconds() ? TokenCheck.Expired : TokenCheck.Valid;
    }

    private void Forget()
    {
        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        foreach (var (token, claims) in _signed)
            if (claims.ExpiresAtUnix <= now) _signed.TryRemove(token, out _);
        if (_signed.Count >= MaxRememberedTokens * 9 / 10) _signed.Clear();
    }

    /// <summary>Number of tokens remembered (tests).</summary>
    internal int RememberedCount => _signed.Count;

    /// <summary>Valid when the token is signed with this service's key and carries a conversation (its expiry is not looked at).</summary>
    private TokenCheck CheckSignature(string token, out DirectLineTokenClaims? claims)
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
        return claims is null || string.IsNullOrEmpty(claims.ConversationId) ? TokenCheck.Invalid : TokenCheck.Valid;
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
