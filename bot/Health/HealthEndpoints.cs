using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace ChatSupport.Bot.Health;

public static class HealthEndpoints
{
    public static void AddHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StartupWarmUp>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StartupWarmUp>());
        builder.Services.AddHealthChecks()
            .AddCheck<RedisHealthCheck>("redis", tags: ["ready"])
            .AddCheck<StartupWarmUpHealthCheck>("warm-up", tags: ["ready"]);
    }

    /// <summary>/healthz: the process answers. /readyz: Redis answers a PING too and the start-up warm-up is done.</summary>
    public static void MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new() { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new()
        {
            Predicate = check => check.Tags.Contains("ready"),
            // Warming up is reported as Degraded (logged as a warning, not an error) and is not ready either.
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
    }
}

internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"redis ping {latency.TotalMilliseconds:F1} ms");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("redis unreachable", ex);
        }
    }
}
