using ChatSupport.Bot.Routing;
using ChatSupport.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatSupport.Bot.Tests.Support;

/// <summary>Starts real bot instances on 127.0.0.1 against a given Redis, with the scripted router unless told otherwise.</summary>
internal static class BotHost
{
    public const string Secret = "test-directline-secret-0123456789";

    public static Task<RunningApp> StartAsync(RedisServer redis, bool scriptedRouter = true, params string[] settings) =>
        RunningApp.StartAsync(args => BotApplication.Build(args, builder =>
            {
                if (scriptedRouter) builder.Services.Replace(ServiceDescriptor.Singleton<IMessageRouter, ScriptedRouter>());
            }),
            new[]
            {
                $"--ConnectionStrings:Redis={redis.ConnectionString}",
                $"--DirectLine:Secret={Secret}",
                "--Logging:LogLevel:Default=Warning",
            }.Concat(settings).ToArray());
}
