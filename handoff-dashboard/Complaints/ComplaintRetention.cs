using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.Complaints;

/// <summary>
/// Enforces Complaints:RetentionDays: an archived complaint whose archiving (its last update: 归档 is final) is older than that is
/// deleted, and with it the pins on its chat files, so the bot's sweeper deletes those files (they outlived their conversation only
/// for this complaint). Open complaints are kept whatever their age. Any instance may sweep; deleting twice is harmless.
/// </summary>
public sealed partial class ComplaintRetention(
    ComplaintStore store,
    ComplaintService complaints,
    IOptions<ComplaintOptions> options,
    TimeProvider clock,
    ILogger<ComplaintRetention> logger) : BackgroundService
{
    private const int Batch = 500;

    /// <summary>One pass; returns how many complaints were deleted.</summary>
    public async Task<int> SweepOnceAsync()
    {
        var cutoff = clock.GetUtcNow() - TimeSpan.FromDays(options.Value.RetentionDays);
        var archived = ComplaintState.Archived.ToWireName();
        // A complaint archived before the cutoff was opened before it too: the opening index bounds the candidates.
        var candidates = await store.ListOpenedBetweenAsync(DateTimeOffset.UnixEpoch, cutoff, Batch);
        var deleted = 0;
        foreach (var complaint in candidates.Where(c => c.State == archived && c.UpdatedAt < cutoff))
        {
            if (await complaints.DeleteAsync(complaint)) deleted++;
        }
        if (deleted > 0) Log.Expired(logger, deleted);
        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.SweepIntervalMinutes), clock);
        do
        {
            try
            {
                await SweepOnceAsync();
            }
            catch (RedisException ex)
            {
                Log.Failed(logger, ex);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6010, Level = LogLevel.Information, Message = "{Count} archived complaints past Complaints:RetentionDays deleted with their evidence")]
        public static partial void Expired(ILogger logger, int count);

        [LoggerMessage(EventId = 6011, Level = LogLevel.Warning, Message = "Complaint retention sweep failed; trying again later")]
        public static partial void Failed(ILogger logger, Exception ex);
    }
}
