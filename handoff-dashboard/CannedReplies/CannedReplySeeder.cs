using Microsoft.Extensions.Options;
using StackExchange.Redis;
using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.HandoffDashboard.CannedReplies;

/// <summary>
/// Seeds the default team set once per Redis: the instance that wins SETNX on
/// <see cref="CannedReplyKeys.SeededFlag"/> writes it, so two instances starting together don't double-seed,
/// and replies deleted later by a supervisor don't come back on the next start.
/// </summary>
internal sealed class CannedReplySeeder(
    RedisCannedReplyStore store,
    IOptions<CannedReplyOptions> options,
    TimeProvider clock,
    ILogger<CannedReplySeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SeedDefaults) return;
        try
        {
            if (!await store.TryClaimSeedingAsync()) return;
            var now = clock.GetUtcNow();
            var items = DefaultCannedReplies.All
                .Select((d, i) => new CannedReply($"default-{i + 1:00}", CannedReplyScope.Team, null, d.Kind, d.Title, d.Text,
                    d.Category, d.Shortcut, i + 1, now))
                .ToList();
            var result = await store.ImportAsync(items, cancellationToken);
            if (result.Outcome == WriteOutcome.Ok) CannedReplyLog.Seeded(logger, items.Count);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            CannedReplyLog.SeedFailed(logger, ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
