using StackExchange.Redis;

namespace ChatSupport.HandoffContract;

/// <summary>
/// Complaints keep their evidence: the dashboard pins the attachments a complaint records (<see cref="AttachmentKeys.Pins"/>), and the
/// bot's sweeper, deleting a conversation's files when its transcript expires, leaves pinned ones (file, thumbnail and record) in place.
/// Unpinning (the complaint deleted, or expired under Complaints:RetentionDays) puts the conversation back in the sweep index, due now,
/// so the sweeper deletes what no complaint holds any more. One script each, all keys under the conversation's <c>{conv:&lt;id&gt;}</c> tag.
/// </summary>
public static class AttachmentPins
{
    /// <summary>The set member naming one complaint's pin of one file.</summary>
    public static string Member(string attachmentId, string complaintId) => attachmentId + "/" + complaintId;

    /// <summary>The attachment id of a pin member.</summary>
    public static string AttachmentIdOf(string member) => member[..Math.Max(0, member.IndexOf('/'))];

    // KEYS: pins, the conversation's attachment set, then one record key per ARGV id. ARGV: complaint id, then attachment ids.
    // A file is pinned only while its record exists (a record names bytes that exist); its record and the conversation's set stop
    // expiring, so the sweeper still finds the file after the conversation's own keys are gone. Returns the ids pinned.
    private const string PinScript = """
        local pinned = {}
        for i = 2, #ARGV do
          local record = KEYS[i + 1]
          if redis.call('EXISTS', record) == 1 then
            redis.call('SADD', KEYS[1], ARGV[i] .. '/' .. ARGV[1])
            redis.call('PERSIST', record)
            redis.call('SADD', KEYS[2], ARGV[i])
            redis.call('PERSIST', KEYS[2])
            pinned[#pinned + 1] = ARGV[i]
          end
        end
        return pinned
        """;

    /// <summary>Pins the conversation's files for the complaint; returns the ids that were pinned (files still on record).</summary>
    public static async Task<IReadOnlyList<string>> PinAsync(IDatabaseAsync db, string conversationId, string complaintId, IReadOnlyCollection<string> attachmentIds)
    {
        if (attachmentIds.Count == 0) return [];
        RedisKey[] keys = [AttachmentKeys.Pins(conversationId), AttachmentKeys.ConversationAttachments(conversationId),
            .. attachmentIds.Select(id => (RedisKey)AttachmentKeys.Attachment(conversationId, id))];
        RedisValue[] args = [complaintId, .. attachmentIds.Select(id => (RedisValue)id)];
        var result = (RedisResult[]?)await db.ScriptEvaluateAsync(PinScript, keys, args) ?? [];
        return result.Select(r => r.ToString()).ToList();
    }

    /// <summary>
    /// Drops every pin the complaint holds on the conversation's files and makes the conversation due for the sweeper now (it deletes
    /// the files once the conversation itself is gone and no other complaint pins them).
    /// </summary>
    public static async Task UnpinAsync(IDatabaseAsync db, string conversationId, string complaintId, IEnumerable<string> attachmentIds, DateTimeOffset now)
    {
        var members = attachmentIds.Distinct().Select(id => (RedisValue)Member(id, complaintId)).ToArray();
        if (members.Length == 0) return;
        await db.SetRemoveAsync(AttachmentKeys.Pins(conversationId), members);
        await db.SortedSetAddAsync(AttachmentKeys.SweepIndex, conversationId, now.ToUnixTimeSeconds());
    }
}
