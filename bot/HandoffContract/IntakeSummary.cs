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
    /// <summary>Attachment references from the shopper's messages (as their activities carried them).</summary>
    public IReadOnlyList<IntakePhoto> Photos { get; init; } = [];
    /// <summary>The bot asked for a photo because the problem is visible (damage, leak, wrong item).</summary>
    public bool PhotoRequested { get; init; }
    /// <summary>One of <see cref="IntakeOutcomes"/>.</summary>
    public required string Outcome { get; init; }

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

/// <summary>One attachment the shopper sent (contentUrl as the activity carried it, e.g. the bot's signed URL).</summary>
public sealed record IntakePhoto(string? Name, string? ContentType, string ContentUrl, string? ThumbnailUrl);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IntakeSummary))]
internal sealed partial class IntakeJsonContext : JsonSerializerContext;
