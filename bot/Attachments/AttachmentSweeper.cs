using ChatSupport.HandoffContract;
using StackExchange.Redis;

namespace ChatSupport.Bot.Attachments;

/// <summary>
/// Deletes a conversation's files when the conversation itself is gone: due entries of <see cref="AttachmentKeys.SweepIndex"/>
/// whose transcript has expired (retention) lose their files and records; a conversation that went on is looked at again when its
/// transcript now expires. Files a complaint pins stay until the complaint goes (<see cref="AttachmentPins"/>). Any instance may
/// sweep; deleting twice is harmless.
/// </summary>
public sealed class AttachmentSweeper(IConnectionMultiplexer redis, AttachmentStore store, TimeProvider clock, ILogger<AttachmentSweeper> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    /// <summary>One pass; returns how many conversations' files were deleted.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken ct)
    {
        var db = redis.GetDatabase();
        var now = clock.GetUtcNow();
        var due = await db.SortedSetRangeByScoreAsync(AttachmentKeys.SweepIndex, double.NegativeInfinity, now.ToUnixTimeSeconds(), take: 200);
        var deleted = 0;
        foreach (var member in due)
        {
            var conversationId = member.ToString();
            var ttl = await db.KeyTimeToLiveAsync(HandoffKeys.Transcript(conversationId));
            var stillThere = await db.KeyExistsAsync(HandoffKeys.Transcript(conversationId));
            if (stillThere && ttl is { } left)
            {
                await db.SortedSetAddAsync(AttachmentKeys.SweepIndex, conversationId, (now + left).ToUnixTimeSeconds());
                // The records (the transcript's links need them) and the set of ids (the sweep needs it) must outlive the transcript.
                await store.ExtendAsync(conversationId, left);
                continue;
            }
            // Retention: files deleted with their conversation, except those a complaint keeps as evidence (AttachmentPins). The
            // conversation is then out of the index until a complaint lets go of its files (unpinning puts it back, due now).
            var kept = await store.DeleteConversationAsync(conversationId, ct);
            await db.SortedSetRemoveAsync(AttachmentKeys.SweepIndex, conversationId);
            AttachmentLog.Swept(logger, conversationId, kept);
            deleted++;
        }
        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await SweepOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is RedisException or IOException or Amazon.Runtime.AmazonServiceException)
            {
                AttachmentLog.SweepFailed(logger, ex);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
