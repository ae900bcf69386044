using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ChatSupport.Bot.Handoff;
using ChatSupport.HandoffContract;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatSupport.Bot.Attachments;

/// <summary>
/// A conversation's attachments: bytes in <see cref="IAttachmentStorage"/>, the record in Redis (<see cref="AttachmentKeys"/>),
/// both kept as long as the conversation's transcript (Handoff:TranscriptRetentionDays) and deleted together with it.
/// </summary>
public sealed class AttachmentStore(
    IConnectionMultiplexer redis,
    IAttachmentStorage storage,
    IOptions<HandoffOptions> handoffOptions,
    TimeProvider clock)
{
    private TimeSpan Retention => TimeSpan.FromDays(handoffOptions.Value.TranscriptRetentionDays);

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>Storage key: the conversation id hashed (ids from other channels hold any character), then attachment and variant.</summary>
    public static string StorageKey(string conversationId, string attachmentId, string variant) =>
        $"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(conversationId)))[..32]}/{attachmentId}/{variant}";

    public static bool IsValidId(string? id) => id is { Length: > 0 and <= 64 } && id.All(char.IsAsciiLetterOrDigit);

    // KEYS: record, the conversation's set. ARGV: id, retention s, then field/value pairs.
    private const string RecordScript = """
        for i = 3, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
        redis.call('EXPIRE', KEYS[1], ARGV[2])
        redis.call('SADD', KEYS[2], ARGV[1])
        redis.call('EXPIRE', KEYS[2], ARGV[2])
        return 1
        """;

    /// <summary>Stores a checked file (bytes first, then the record: a record never names missing bytes).</summary>
    public async Task<AttachmentRef> SaveAsync(string conversationId, CheckedFile file, string sentBy, CancellationToken ct)
    {
        var id = NewId();
        await storage.PutAsync(StorageKey(conversationId, id, AttachmentVariants.File), file.Content, file.ContentType, ct);
        if (file.Thumbnail is not null)
            await storage.PutAsync(StorageKey(conversationId, id, AttachmentVariants.Thumbnail), file.Thumbnail, "image/jpeg", ct);
        var reference = new AttachmentRef(id, file.Name, file.ContentType, file.Content.Length, file.Thumbnail is not null, file.Width, file.Height);
        var args = new List<RedisValue>
        {
            id, (long)Retention.TotalSeconds,
            AttachmentRecordFields.Name, reference.Name,
            AttachmentRecordFields.ContentType, reference.ContentType,
            AttachmentRecordFields.Size, reference.Size,
            AttachmentRecordFields.HasThumbnail, reference.HasThumbnail ? 1 : 0,
            AttachmentRecordFields.CreatedAt, clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
            AttachmentRecordFields.SentBy, sentBy,
        };
        if (reference.Width is { } w) args.AddRange([AttachmentRecordFields.Width, w, AttachmentRecordFields.Height, reference.Height ?? 0]);
        await redis.GetDatabase().ScriptEvaluateAsync(RecordScript,
            [AttachmentKeys.Attachment(conversationId, id), AttachmentKeys.ConversationAttachments(conversationId)], args.ToArray());
        return reference;
    }

    public async Task<AttachmentRef?> FindAsync(string conversationId, string attachmentId)
    {
        if (!IsValidId(attachmentId)) return null;
        var hash = await redis.GetDatabase().HashGetAllAsync(AttachmentKeys.Attachment(conversationId, attachmentId));
        if (hash.Length == 0) return null;
        var fields = hash.ToDictionary(e => e.Name.ToString(), e => e.Value);
        int? Int(string f) => fields.TryGetValue(f, out var v) && v.TryParse(out int n) ? n : null;
        return new AttachmentRef(attachmentId,
            fields.GetValueOrDefault(AttachmentRecordFields.Name).ToString(),
            fields.GetValueOrDefault(AttachmentRecordFields.ContentType).ToString(),
            fields.TryGetValue(AttachmentRecordFields.Size, out var size) && size.TryParse(out long s) ? s : 0,
            fields.GetValueOrDefault(AttachmentRecordFields.HasThumbnail) == 1,
            Int(AttachmentRecordFields.Width), Int(AttachmentRecordFields.Height));
    }

    public Task<Stream?> OpenAsync(string conversationId, string attachmentId, string variant, CancellationToken ct) =>
        storage.OpenAsync(StorageKey(conversationId, attachmentId, variant), ct);

    /// <summary>Ids of a conversation's attachments still on record.</summary>
    public async Task<IReadOnlyList<string>> IdsAsync(string conversationId) =>
        (await redis.GetDatabase().SetMembersAsync(AttachmentKeys.ConversationAttachments(conversationId))).Select(v => v.ToString()).ToList();

    /// <summary>Deletes every file of the conversation and their records (the conversation is gone).</summary>
    public async Task DeleteConversationAsync(string conversationId, CancellationToken ct)
    {
        var ids = await IdsAsync(conversationId);
        var keys = ids.SelectMany(id => new[] { StorageKey(conversationId, id, AttachmentVariants.File), StorageKey(conversationId, id, AttachmentVariants.Thumbnail) }).ToList();
        await storage.DeleteAsync(keys, ct);
        var redisKeys = ids.Select(id => (RedisKey)AttachmentKeys.Attachment(conversationId, id)).Append(AttachmentKeys.ConversationAttachments(conversationId)).ToArray();
        await redis.GetDatabase().KeyDeleteAsync(redisKeys);
    }

    /// <summary>
    /// Records the conversation in the sweep index, due when its transcript would expire; the sweeper deletes its files then
    /// unless the conversation went on (its transcript's expiry moved).
    /// </summary>
    public Task ScheduleSweepAsync(string conversationId) =>
        redis.GetDatabase().SortedSetAddAsync(AttachmentKeys.SweepIndex, conversationId, (clock.GetUtcNow() + Retention).ToUnixTimeSeconds());
}
