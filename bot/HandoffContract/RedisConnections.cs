using StackExchange.Redis;

namespace ChatSupport.HandoffContract;

/// <summary>How both services connect to Redis: the same settings, so they behave alike when Redis is down or slow.</summary>
public static class RedisConnections
{
    public const string DefaultConnectionString = "127.0.0.1:6379";

    /// <summary>
    /// abortConnect=false: the service starts (and /readyz reports not ready) while Redis is down, and reconnects by
    /// itself when it comes back. Short timeouts: a turn or an agent's request fails fast rather than hanging.
    /// </summary>
    public static ConfigurationOptions Options(string? connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString ?? DefaultConnectionString);
        options.AbortOnConnectFail = false;
        options.ConnectRetry = 3;
        options.ConnectTimeout = 2000;
        options.SyncTimeout = 2000;
        return options;
    }
}
