using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatSupport.HandoffContract;

/// <summary>
/// What the bot gathered from the shopper before an after-sales handoff, pinned at the top of the agent's chat
/// (at <see cref="Keys.IntakeKeys.Summary"/>): the reason, the order in question, the problem in the shopper's own words
/// and the photos they sent. Every text is the shopper's or the store's, plain text, never HTML.
/// </summary>
public sealed record IntakeSummary
{
    public required string ConversationId { get; init; }
    /// <summary>Wire name of <see cref="HandoffReason"/>.</summary>
    public required string Reason { get; init; }
    public DateTimeOffset At { get; init; }
    /// <summary>The order in question: chosen from the shopper's orders, or typed (then possibly not theirs: see <see cref="OrderVerified"/>).</summary>
    public string? OrderId { get; init; }
    /// <summary>True when the order is one of the signed-in shopper's own orders, as the store connector listed them.</summary>
    public bool OrderVerified { get; init; }
    /// <summary>The order as the store connector gave it, when it could be read.</summary>
    public IntakeOrderCard? Order { get; init; }
    /// <summary>The shopper's own words: the message that started the intake and anything they added.</summary>
    public required string Problem { get; init; }
    /// <summary>
    /// The shopper's photos. Files the bot stored are kept as references (<see cref="IntakePhoto.AttachmentId"/>, no URL: a signed URL
    /// expires after Attachments:UrlLifetimeMinutes); whoever serves the summary signs fresh URLs for them.
    /// </summary>
    public IReadOnlyList<IntakePhoto> Photos { get; init; } = [];
    /// <summary>The bot asked for a photo because the problem is visible (damage, leak, wrong item).</summary>
    public bool PhotoRequested { get; init; }
    /// <summary>One of <see cref="IntakeOutcomes"/>.</summary>
    public required string Outcome { get; init; }
    /// <summary>What the bot itself found that made it hand over (e.g. 超过 72 小时没有物流更新), when it was not the shopper's report.</summary>
    public string? Finding { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, IntakeJsonContext.Default.IntakeSummary);

    public static IntakeSummary FromJson(string json) =>
        JsonSerializer.Deserialize(json, IntakeJsonContext.Default.IntakeSummary) ?? throw new JsonException("empty intake summary");
}

/// <summary>How the intake ended.</summary>
public static class IntakeOutcomes
{
    /// <summary>Nothing was missing, or the shopper answered every prompt.</summary>
    public const string Complete = "complete";
    /// <summary>The shopper skipped a prompt or answered something else: handed over with what there was.</summary>
    public const string Skipped = "skipped";
    /// <summary>No answer within Intake:StallTimeoutSeconds: handed over anyway.</summary>
    public const string Stalled = "stalled";
    /// <summary>The shopper complained or asked for a person during the intake: handed over at once.</summary>
    public const string Interrupted = "interrupted";
    /// <summary>No intake: the bot looked the shopper's parcel up and found it stuck, failed or returned, and handed over with the order.</summary>
    public const string ParcelTrouble = "parcel-trouble";
}

/// <summary>The order card: enough to act on without asking the shopper (the connector's data, statuses as wire names).</summary>
public sealed record IntakeOrderCard(
    string OrderId,
    string Status,
    string StatusText,
    DateTimeOffset PlacedAt,
    IReadOnlyList<IntakeOrderItem> Items,
    decimal Total,
    string Currency,
    string? Courier,
    string? TrackingNumber,
    IntakeTrackingEvent? LatestEvent);

public sealed record IntakeOrderItem(string Name, int Quantity);

public sealed record IntakeTrackingEvent(DateTimeOffset Time, string Description, string? Location);

/// <summary>
/// One attachment the shopper sent. A file stored by the bot has <see cref="AttachmentId"/> and no stored URL (the reader signs
/// <see cref="ContentUrl"/> and <see cref="ThumbnailUrl"/> when serving it); a link from elsewhere keeps the URL the activity carried.
/// </summary>
public sealed record IntakePhoto(string? Name, string? ContentType, string? ContentUrl, string? ThumbnailUrl)
{
    /// <summary>The bot's attachment id in this conversation (see <see cref="AttachmentRef.Id"/>); null for an outside link.</summary>
    public string? AttachmentId { get; init; }

    /// <summary>True when the stored file has a thumbnail (images).</summary>
    public bool HasThumbnail { get; init; }

    /// <summary>A file the bot stored, as a reference without URLs.</summary>
    public static IntakePhoto Stored(AttachmentRef file) =>
        new(file.Name, file.ContentType, null, null) { AttachmentId = file.Id, HasThumbnail = file.HasThumbnail };

    /// <summary>The same photo with fresh signed URLs, if it is one of the bot's files: by id, or (summaries saved before ids were
    /// kept) by a contentUrl naming a file of this conversation on the bot. Other photos come back as they are.</summary>
    public IntakePhoto WithSignedUrls(AttachmentUrlSigner signer, string baseUrl, string conversationId, DateTimeOffset expiresAt)
    {
        var id = AttachmentId ?? AttachmentUrlSigner.FileIdOf(ContentUrl, conversationId);
        if (id is null) return this;
        var hasThumbnail = AttachmentId is not null ? HasThumbnail : ThumbnailUrl is not null;
        return this with
        {
            AttachmentId = id,
            HasThumbnail = hasThumbnail,
            ContentUrl = signer.Url(baseUrl, conversationId, id, AttachmentVariants.File, expiresAt),
            ThumbnailUrl = hasThumbnail ? signer.Url(baseUrl, conversationId, id, AttachmentVariants.Thumbnail, expiresAt) : null,
        };
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IntakeSummary))]
internal sealed partial class IntakeJsonContext : JsonSerializerContext;
