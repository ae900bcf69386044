using System.Text.Json.Serialization;
using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.HandoffDashboard.CannedReplies;

/// <summary>Team items are shared and managed by supervisors/admins; personal items belong to one agent.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CannedReplyScope>))]
public enum CannedReplyScope { Team, Personal }

/// <summary>Reply = a longer template; Phrase = a short snippet. Same storage and search.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CannedReplyKind>))]
public enum CannedReplyKind { Reply, Phrase }

/// <summary>
/// A canned reply or quick phrase as stored (JSON in the items hash). The usage count lives in its
/// own hash so inserting a phrase is one HINCRBY, not a rewrite of the record.
/// </summary>
public sealed record CannedReply(
    string Id,
    CannedReplyScope Scope,
    string? OwnerId,
    CannedReplyKind Kind,
    string Title,
    string Text,
    string Category,
    string? Shortcut,
    int Order,
    DateTimeOffset UpdatedAt)
{
    [JsonIgnore] public long UsageCount { get; init; }

    /// <summary>The file sent with the reply (a size chart, a return label), or null; its bytes are at CannedReplyKeys.Attachment(Id).</summary>
    public CannedReplyAttachment? Attachment { get; init; }

    public bool IsVisibleTo(string userId) => Scope == CannedReplyScope.Team || OwnerId == userId;
}

/// <summary>What clients send to create or edit an item (and what import files contain).</summary>
public sealed record CannedReplyInput(
    string? Title,
    string? Text,
    string? Category,
    string? Shortcut,
    CannedReplyKind? Kind,
    CannedReplyScope? Scope);

/// <summary>What the API returns: the stored record plus its usage count.</summary>
public sealed record CannedReplyView(
    string Id,
    CannedReplyScope Scope,
    string? OwnerId,
    CannedReplyKind Kind,
    string Title,
    string Text,
    string Category,
    string? Shortcut,
    int Order,
    long UsageCount,
    DateTimeOffset UpdatedAt,
    bool Editable,
    CannedReplyAttachment? Attachment = null)
{
    public static CannedReplyView From(CannedReply r, bool editable) =>
        new(r.Id, r.Scope, r.OwnerId, r.Kind, r.Title, r.Text, r.Category, r.Shortcut, r.Order, r.UsageCount, r.UpdatedAt, editable, r.Attachment);
}

/// <summary>The file a canned reply carries: name (plain text), checked content type and size. Served at /api/canned-replies/{id}/attachment.</summary>
public sealed record CannedReplyAttachment(string Name, string ContentType, long Size);
