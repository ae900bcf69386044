using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.PhraseCheck;

/// <summary>Seeds <see cref="DefaultForbiddenPhrases"/> once per Redis (SETNX guard), so admin edits are never overwritten.</summary>
internal sealed class ForbiddenPhraseSeeder(RedisForbiddenPhraseStore store, ILogger<ForbiddenPhraseSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!await store.TryClaimSeedingAsync()) return;
            await store.ReplaceAsync(DefaultForbiddenPhrases.All);
            PhraseCheckLog.Seeded(logger, DefaultForbiddenPhrases.All.Count);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            PhraseCheckLog.SeedFailed(logger, ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
