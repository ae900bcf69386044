using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ChatSupport.Bot.Protocol;

/// <summary>
/// The Bot Framework Activity, as plain data with the protocol's camelCase JSON. Unknown fields are
/// kept in <see cref="Extra"/> so they survive a round trip; payloads whose schema belongs to someone
/// else (value, channelData, entities, attachment content) stay as JSON nodes.
/// Property order matters: <c>type</c> then <c>id</c> come first (the Direct Line store relies on it).
/// </summary>
public sealed class Activity
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    /// <summary>Kept as sent: the sender's local time with its own offset.</summary>
    public string? LocalTimestamp { get; set; }
    public string? LocalTimezone { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public string? TextFormat { get; set; }
    public string? AttachmentLayout { get; set; }
    public List<ChannelAccount>? MembersAdded { get; set; }
    public List<ChannelAccount>? MembersRemoved { get; set; }
    public string? Locale { get; set; }
    public string? Text { get; set; }
    public string? Speak { get; set; }
    public string? InputHint { get; set; }
    public string? Summary { get; set; }
    public SuggestedActions? SuggestedActions { get; set; }
    public List<Attachment>? Attachments { get; set; }
    public List<JsonObject>? Entities { get; set; }
    public JsonNode? ChannelData { get; set; }
    public string? Action { get; set; }
    public string? ReplyToId { get; set; }
    public string? Label { get; set; }
    public string? ValueType { get; set; }
    public JsonNode? Value { get; set; }
    public string? Name { get; set; }
    public ConversationReference? RelatesTo { get; set; }
    public string? Code { get; set; }
    public string? DeliveryMode { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>
    /// In-process payload of activities the bot makes for itself (e.g. an agent's reply relayed from
    /// the dashboard). Never read from or written to JSON, so nothing on the wire can forge it.
    /// </summary>
    [JsonIgnore]
    public object? InternalPayload { get; set; }

    /// <summary>
    /// Which reply of which turn this is (the incoming activity's id and the reply's place in the turn). A turn that is
    /// run again after a failure (a Redis timeout after the reply was stored, a deferred turn) sends the same keys, so a
    /// channel that stores replies stores each once. Never on the wire.
    /// </summary>
    [JsonIgnore]
    public string? IdempotencyKey { get; set; }

    public bool IsType(string type) => string.Equals(Type, type, StringComparison.Ordinal);

    /// <summary>A reply from the recipient of this activity back to its sender, in the same conversation.</summary>
    public Activity CreateReply(string? text = null, string type = ActivityTypes.Message) => new()
    {
        Type = type,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Conversation = Conversation is null ? null : new ConversationAccount { Id = Conversation.Id },
        From = Recipient is null ? null : new ChannelAccount { Id = Recipient.Id, Name = Recipient.Name, Role = "bot" },
        Recipient = From is null ? null : new ChannelAccount { Id = From.Id, Name = From.Name, Role = From.Role },
        ReplyToId = Id,
        Locale = Locale,
        Text = text,
    };

    public ConversationReference GetConversationReference() => new()
    {
        ActivityId = Id,
        User = From,
        Bot = Recipient,
        Conversation = Conversation,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Locale = Locale,
    };
}

public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string Typing = "typing";
    public const string Event = "event";
    public const string EndOfConversation = "endOfConversation";
    public const string Invoke = "invoke";
}

public sealed class ChannelAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Role { get; set; }
    public string? AadObjectId { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class ConversationAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public bool? IsGroup { get; set; }
    public string? ConversationType { get; set; }
    public string? TenantId { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class Attachment
{
    public string? ContentType { get; set; }
    public string? ContentUrl { get; set; }
    public JsonNode? Content { get; set; }
    public string? Name { get; set; }
    public string? ThumbnailUrl { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class SuggestedActions
{
    public List<string>? To { get; set; }
    public List<CardAction> Actions { get; set; } = [];
}

public sealed class CardAction
{
    public string Type { get; set; } = "imBack";
    public string? Title { get; set; }
    public JsonNode? Value { get; set; }
    public string? Text { get; set; }
    public string? DisplayText { get; set; }
    public string? Image { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    public static CardAction ImBack(string title, string? value = null) =>
        new() { Type = "imBack", Title = title, Value = JsonValue.Create(value ?? title) };
}

public sealed class ConversationReference
{
    public string? ActivityId { get; set; }
    public ChannelAccount? User { get; set; }
    public ChannelAccount? Bot { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public string? ChannelId { get; set; }
    public string? ServiceUrl { get; set; }
    public string? Locale { get; set; }
}

/// <summary>Connector API's answer to a send: the id the channel assigned.</summary>
public sealed record ResourceResponse(string? Id);

/// <summary>Bot Framework / Direct Line error body: <c>{"error":{"code","message"}}</c>.</summary>
public sealed record ErrorResponse(ErrorBody Error)
{
    public static ErrorResponse Of(string code, string message) => new(new ErrorBody(code, message));
}

public sealed record ErrorBody(string Code, string Message);
