using StackExchange.Redis;

namespace ChatSupport.Bot.Redis;

public static class RedisRegistration
{
    /// <summary>
    /// One multiplexer for the whole service. abortConnect=false: the service starts (and /readyz
    /// reports not ready) while Redis is down, and reconnects by itself when it comes back.
    /// </summary>
    public static void AddRedis(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Redis") ?? "127.0.0.1:6379";
        builder.Services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var options = ConfigurationOptions.Parse(connectionString);
            options.AbortOnConnectFail = false;
            options.ConnectRetry = 3;
            options.ConnectTimeout = 2000;
            options.SyncTimeout = 2000;
            return ConnectionMultiplexer.Connect(options);
        });
    }
}
