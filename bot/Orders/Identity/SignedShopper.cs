using System.Text.Json.Serialization;

namespace ChatSupport.Bot.Orders.Identity;

/// <summary>
/// A shopper the store vouches for, as it comes in <c>POST /api/store/chat-token</c>:
/// <c>{"shopper":{"id","name","issuedAt","signature"}}</c>; see <see cref="ShopperSignature"/> for what is signed.
/// </summary>
public sealed record SignedShopper(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("issuedAt")] long IssuedAt,
    [property: JsonPropertyName("signature")] string? Signature);

/// <summary>A verified shopper: the store's id for them and the name to greet and show agents.</summary>
public sealed record ShopperIdentity(string ShopperId, string Name)
{
    /// <summary>
    /// Direct Line user ids of signed shoppers start with this; anonymous ones are <c>dl_…</c>. A token binds its user id,
    /// so a client holding a token cannot take this prefix; only the store's own server (holding the Direct Line secret) could.
    /// </summary>
    public const string UserIdPrefix = "shopper-";

    public string UserId => UserIdPrefix + ShopperId;

    /// <summary>The signed shopper a Direct Line user id stands for, or null for an anonymous shopper.</summary>
    public static ShopperIdentity? FromUser(string? userId, string? name) =>
        userId is not null && userId.StartsWith(UserIdPrefix, StringComparison.Ordinal) && userId.Length > UserIdPrefix.Length
            ? new ShopperIdentity(userId[UserIdPrefix.Length..], name ?? "")
            : null;
}
