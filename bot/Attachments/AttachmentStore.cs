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
/// both kept as long as the conversation's transcript (Handoff:TranscriptRetentionDays) and deleted together with it, except files a
/// complaint pins as evidence (<see cref="AttachmentPins"/>), which go when that complaint does (Complaints:RetentionDays on the dashboard).
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

    // The records and the conversation's set outlive the transcript by a grace period: the sweeper (due when the transcript would
    // expire, and every ten minutes at most late) still finds the ids whose bytes it must delete, and when the conversation went on
    // it moves their expiry with the transcript's (ExtendAsync), so a photo in a long chat never disappears before its transcript.
    // While a complaint pins a file of the conversation the set does not expire at all (AttachmentPins).
    public static readonly TimeSpan Grace = TimeSpan.FromDays(2);

    // KEYS: record, the conversation's set, its pins. ARGV: id, record retention s, set retention s, then field/value pairs.
    private const string RecordScript = """
        for i = 4, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
        redis.call('EXPIRE', KEYS[1], ARGV[2])
        redis.call('SADD', KEYS[2], ARGV[1])
        if redis.call('EXISTS', KEYS[3]) == 0 then redis.call('EXPIRE', KEYS[2], ARGV[3]) end
        return 1
        """;

    // KEYS: the conversation's set, its pins, then one record key per ARGV id. ARGV: attachment ids.
    // Deletes the records of files no complaint pins and returns their ids (the caller deletes their bytes, then forgets the ids);
    // a pinned file keeps its record, so a complaint can still show it and a pin can never name deleted bytes.
    private const string ReleaseScript = """
        local pinned = {}
        for _, m in ipairs(redis.call('SMEMBERS', KEYS[2])) do
          local slash = string.find(m, '/', 1, true)
          if slash then pinned[string.sub(m, 1, slash - 1)] = true end
        end
        local released = {}
        for i = 1, #ARGV do
          if not pinned[ARGV[i]] then
            redis.call('DEL', KEYS[i + 2])
            released[#released + 1] = ARGV[i]
          end
        end
        return released
        """;

    // KEYS: the conversation's set. ARGV: ids whose bytes are gone.
    private const string ForgetScript = """
        for i = 1, #ARGV do redis.call('SREM', KEYS[1], ARGV[i]) end
        return redis.call('SCARD', KEYS[1])
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
            id, (long)(Retention + Grace).TotalSeconds, (long)(Retention + Grace).TotalSeconds,
            AttachmentRecordFields.Name, reference.Name,
            AttachmentRecordFields.ContentType, reference.ContentType,
            AttachmentRecordFields.Size, reference.Size,
            AttachmentRecordFields.HasThumbnail, reference.HasThumbnail ? 1 : 0,
            AttachmentRecordFields.CreatedAt, clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
            AttachmentRecordFields.SentBy, sentBy,
        };
        if (reference.Width is { } w) args.AddRange([AttachmentRecordFields.Width, w, AttachmentRecordFields.Height, reference.Height ?? 0]);
        await redis.GetDatabase().ScriptEvaluateAsync(RecordScript,
            [AttachmentKeys.Attachment(conversationId, id), AttachmentKeys.ConversationAttachments(conversationId), AttachmentKeys.Pins(conversationId)],
            args.ToArray());
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

    /// <summary>
    /// Deletes the conversation's files and records (the conversation is gone), except files a complaint pins (<see cref="AttachmentPins"/>):
    /// those stay until the complaint goes. Records first (so no pin can take hold of a file being deleted), then bytes, then the ids; a
    /// failure in between is retried on the next sweep (the ids are still in the set). Returns how many files are kept for complaints.
    /// </summary>
    public async Task<int> DeleteConversationAsync(string conversationId, CancellationToken ct)
    {
        var db = redis.GetDatabase();
        var ids = await IdsAsync(conversationId);
        if (ids.Count == 0) return 0;
        RedisKey[] keys = [AttachmentKeys.ConversationAttachments(conversationId), AttachmentKeys.Pins(conversationId),
            .. ids.Select(id => (RedisKey)AttachmentKeys.Attachment(conversationId, id))];
        var released = ((RedisResult[]?)await db.ScriptEvaluateAsync(ReleaseScript, keys, ids.Select(id => (RedisValue)id).ToArray()) ?? [])
            .Select(r => r.ToString()).ToList();
        if (released.Count > 0)
        {
            await storage.DeleteAsync(released.SelectMany(id => new[]
                { StorageKey(conversationId, id, AttachmentVariants.File), StorageKey(conversationId, id, AttachmentVariants.Thumbnail) }).ToList(), ct);
        }
        var kept = (int)(long)await db.ScriptEvaluateAsync(ForgetScript, [AttachmentKeys.ConversationAttachments(conversationId)],
            released.Select(id => (RedisValue)id).ToArray());
        return kept;
    }

    /// <summary>
    /// The conversation went on: its records and its set of ids now expire <see cref="Grace"/> after the transcript, which expires
    /// in <paramref name="transcriptLeft"/> (GT: never shortened; a set without expiry, i.e. one holding pinned files, stays so).
    /// </summary>
    public async Task ExtendAsync(string conversationId, TimeSpan transcriptLeft)
    {
        var db = redis.GetDatabase();
        var until = transcriptLeft + Grace;
        var ids = await IdsAsync(conversationId);
        var batch = db.CreateBatch();
        var moves = ids.Select(id => batch.KeyExpireAsync(AttachmentKeys.Attachment(conversationId, id), until, ExpireWhen.GreaterThanCurrentExpiry))
            .Append(batch.KeyExpireAsync(AttachmentKeys.ConversationAttachments(conversationId), until, ExpireWhen.GreaterThanCurrentExpiry))
            .ToList();
        batch.Execute();
        await Task.WhenAll(moves);
    }

    /// <summary>
    /// Records the conversation in the sweep index, due when its transcript would expire; the sweeper deletes its files then
    /// unless the conversation went on (its transcript's expiry moved).
    /// </summary>
    public Task ScheduleSweepAsync(string conversationId) =>
        redis.GetDatabase().SortedSetAddAsync(AttachmentKeys.SweepIndex, conversationId, (clock.GetUtcNow() + Retention).ToUnixTimeSeconds());
}
