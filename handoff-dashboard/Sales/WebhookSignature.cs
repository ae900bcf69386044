using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChatSupport.HandoffDashboard.Sales;

/// <summary>
/// The store's order webhook signature, the store connector contract's scheme extended with the body: header
/// <c>X-Store-Timestamp</c> (Unix seconds) and <c>X-Store-Signature</c>, lowercase hex of HMAC-SHA256(Store:OrderWebhookKey (formerly Store:SigningKey),
/// UTF-8 of <c>timestamp + "\n" + "POST" + "\n" + path + "\n" + body</c>). A timestamp outside the tolerance is refused,
/// and so is a signature already accepted (a replay), see <see cref="SalesLedger.FirstUseAsync"/>.
/// </summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "X-Store-Timestamp", SignatureHeader = "X-Store-Signature";

    public enum Verdict { Valid, Missing, Stale, Wrong }

    public static string Compute(string key, long timestamp, string path, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key),
            Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "\nPOST\n" + path + "\n" + body)));

    public static Verdict Check(string key, string? timestamp, string? signature, string path, string body, DateTimeOffset now, int toleranceSeconds)
    {
        if (string.IsNullOrEmpty(signature) || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var ts)) return Verdict.Missing;
        if (Math.Abs(now.ToUnixTimeSeconds() - ts) > toleranceSeconds) return Verdict.Stale;
        var expected = Encoding.ASCII.GetBytes(Compute(key, ts, path, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature.Trim().ToLowerInvariant()))
            ? Verdict.Valid
            : Verdict.Wrong;
    }
}
