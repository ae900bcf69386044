using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChatSupport.Bot.Orders.Connector;

/// <summary>
/// How the bot signs connector requests, so the store can tell them from anyone else's: header
/// <c>X-Store-Timestamp</c> (Unix seconds) and <c>X-Store-Signature</c>, lowercase hex of HMAC-SHA256(Store:ConnectorKey,
/// UTF-8 of <c>timestamp + "\n" + METHOD + "\n" + path-and-query</c>), e.g. <c>1764580000\nGET\n/shoppers/demo-lilei/orders?limit=5</c>.
/// </summary>
public static class ConnectorRequestSignature
{
    public const string TimestampHeader = "X-Store-Timestamp", SignatureHeader = "X-Store-Signature";

    public static string SignedText(long timestamp, string method, string pathAndQuery) =>
        timestamp.ToString(CultureInfo.InvariantCulture) + "\n" + method.ToUpperInvariant() + "\n" + pathAndQuery;

    public static string Compute(byte[] key, long timestamp, string method, string pathAndQuery) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(SignedText(timestamp, method, pathAndQuery))));
}
