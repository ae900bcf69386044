using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChatSupport.Bot.Orders.Identity;

public enum ShopperCheck
{
    Valid,
    Malformed,
    BadSignature,
    Stale,
}

/// <summary>
/// The store's signature over a shopper identity: lowercase hex of HMAC-SHA256(key, UTF-8 of
/// <c>id + "\n" + name + "\n" + issuedAt</c>), issuedAt in Unix seconds written in decimal. The store signs on its server;
/// the bot refuses a wrong signature and an issuedAt outside the replay window.
/// </summary>
public sealed class ShopperSignature(byte[] key, TimeSpan maxAge, TimeProvider clock)
{
    /// <summary>Longest accepted id and name: ids are store keys, names are shown to agents.</summary>
    public const int MaxIdLength = 64, MaxNameLength = 40;

    /// <summary>Allowed clock skew into the future between the store's server and the bot.</summary>
    private static readonly TimeSpan FutureSkew = TimeSpan.FromSeconds(30);

    public static string SignedText(string id, string name, long issuedAt) =>
        id + "\n" + name + "\n" + issuedAt.ToString(CultureInfo.InvariantCulture);

    public static string Compute(byte[] key, string id, string name, long issuedAt) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(SignedText(id, name, issuedAt))));

    public SignedShopper Sign(string id, string name) =>
        new(id, name, clock.GetUtcNow().ToUnixTimeSeconds(), Compute(key, id, name, clock.GetUtcNow().ToUnixTimeSeconds()));

    public ShopperCheck Check(SignedShopper shopper, out ShopperIdentity? identity)
    {
        identity = null;
        if (string.IsNullOrWhiteSpace(shopper.Id) || shopper.Id.Length > MaxIdLength || !shopper.Id.All(IsIdChar)
            || shopper.Name is null || shopper.Name.Length > MaxNameLength || string.IsNullOrEmpty(shopper.Signature))
            return ShopperCheck.Malformed;
        byte[] given;
        try
        {
            given = Convert.FromHexString(shopper.Signature);
        }
        catch (FormatException)
        {
            return ShopperCheck.BadSignature;
        }
        var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(SignedText(shopper.Id, shopper.Name, shopper.IssuedAt)));
        if (!CryptographicOperations.FixedTimeEquals(expected, given)) return ShopperCheck.BadSignature;
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(shopper.IssuedAt, 0, 253402300799));
        var now = clock.GetUtcNow();
        if (issuedAt < now - maxAge || issuedAt > now + FutureSkew) return ShopperCheck.Stale;
        identity = new ShopperIdentity(shopper.Id, shopper.Name.Trim());
        return ShopperCheck.Valid;
    }

    // Ids go into a Direct Line user id and connector URLs: keep them to URL-safe characters.
    private static bool IsIdChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';
}
