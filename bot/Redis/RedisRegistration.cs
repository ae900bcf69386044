using ChatSupport.HandoffContract;
using StackExchange.Redis;

namespace ChatSupport.Bot.Redis;

public static class RedisRegistration
{
    /// <summary>One multiplexer for the whole service, connected as <see cref="RedisConnections"/> says.</summary>
    public static void AddRedis(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Redis");
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(RedisConnections.Options(connectionString)));
    }
}
