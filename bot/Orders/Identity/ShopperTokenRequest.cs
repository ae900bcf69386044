using System.Text.Json;
using System.Text.Json.Nodes;
using ChatSupport.Bot.DirectLine;

namespace ChatSupport.Bot.Orders.Identity;

/// <summary>
/// Reads the optional signed shopper of a chat-token request. No body (or no <c>shopper</c>) means an anonymous shopper;
/// a shopper that does not check out is refused in the Direct Line error shape, never silently made anonymous,
/// so a store with a broken signer finds out at once.
/// </summary>
public static class ShopperTokenRequest
{
    public const int MaxBodyBytes = 4096;

    public static async Task<(ShopperIdentity? Shopper, IResult? Error)> ReadAsync(HttpRequest request, ShopperSignature signature)
    {
        if (request.ContentLength is 0 || !(request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) ?? false))
            return (null, null);
        // A signed shopper is a few hundred bytes; do not parse megabytes for it.
        if (request.ContentLength > MaxBodyBytes)
            return (null, DirectLineErrors.Error(413, "MessageSizeTooBig", $"The chat-token body is larger than {MaxBodyBytes} bytes."));
        SignedShopper? shopper;
        try
        {
            // Chunked bodies have no length: read at most one byte past the limit.
            using var limited = new MemoryStream();
            var buffer = new byte[1024];
            int read;
            while (limited.Length <= MaxBodyBytes && (read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
                limited.Write(buffer, 0, read);
            if (limited.Length > MaxBodyBytes)
                return (null, DirectLineErrors.Error(413, "MessageSizeTooBig", $"The chat-token body is larger than {MaxBodyBytes} bytes."));
            limited.Position = 0;
            var body = await JsonNode.ParseAsync(limited);
            if (body?["shopper"] is not JsonObject node) return (null, null);
            shopper = node.Deserialize<SignedShopper>();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return (null, DirectLineErrors.Error(400, "BadArgument", "Request body is not valid JSON, or shopper is not {id, name, issuedAt, signature}."));
        }
        if (shopper is null) return (null, null);
        return signature.Check(shopper, out var identity) switch
        {
            ShopperCheck.Valid => (identity, null),
            ShopperCheck.Malformed => (null, DirectLineErrors.Error(400, "BadArgument",
                $"shopper needs id (letters, digits, - _ ., at most {ShopperSignature.MaxIdLength}), name (at most {ShopperSignature.MaxNameLength}), issuedAt and signature.")),
            ShopperCheck.Stale => (null, DirectLineErrors.Error(401, "TokenExpired",
                "shopper.issuedAt is outside the accepted window; sign the shopper again just before asking for a token.")),
            _ => (null, DirectLineErrors.Error(401, "BadSignature", "shopper.signature does not match; see the README for the signed text.")),
        };
    }
}
