using ChatSupport.Bot.Routing;
using ChatSupport.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatSupport.Bot.Tests.Support;

/// <summary>Starts real bot instances on 127.0.0.1 against a given Redis, with the scripted router unless told otherwise.</summary>
internal static class BotHost
{
    public const string Secret = "test-directline-secret-0123456789";

    /// <summary>Settings that keep people on duty around the clock, for tests of the handoff itself.</summary>
    public static readonly string[] AlwaysOpen = Enum.GetNames<DayOfWeek>().Select(d => $"--Handoff:BusinessHours:{d}=00:00-00:00").ToArray();

    /// <summary>
    /// After-sales cases are handed over at once, without the intake's questions (Dialogue/Intake has its own tests): for
    /// tests of the handoff itself (relay, queue, security), whose shoppers' "我要退货" would otherwise be asked for an order.
    /// </summary>
    public const string NoIntake = "--Intake:Enabled=false";

    /// <summary><see cref="AlwaysOpen"/> and <see cref="NoIntake"/>.</summary>
    public static readonly string[] HandoffAtOnce = [.. AlwaysOpen, NoIntake];

    public static Task<RunningApp> StartAsync(RedisServer redis, bool scriptedRouter = true, params string[] settings) =>
        StartAsync(redis, clock: null, scriptedRouter, settings);

    /// <param name="clock">Replaces the bot's clock (e.g. a FakeTimeProvider, to let tokens expire without waiting).</param>
    public static Task<RunningApp> StartAsync(RedisServer redis, TimeProvider? clock, bool scriptedRouter = true, params string[] settings) =>
        StartAsync(redis, clock, configure: null, scriptedRouter, settings);

    /// <param name="configure">Anything else to change on the builder (e.g. a logger provider that records what is logged).</param>
    public static Task<RunningApp> StartAsync(RedisServer redis, TimeProvider? clock, Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? configure,
        bool scriptedRouter = true, params string[] settings) =>
        RunningApp.StartAsync(args => BotApplication.Build(args, builder =>
            {
                if (scriptedRouter) builder.Services.Replace(ServiceDescriptor.Singleton<IMessageRouter, ScriptedRouter>());
                if (clock is not null) builder.Services.Replace(ServiceDescriptor.Singleton(clock));
                configure?.Invoke(builder);
            }),
            new[]
            {
                $"--ConnectionStrings:Redis={redis.ConnectionString}",
                $"--DirectLine:Secret={Secret}",
                "--Logging:LogLevel:Default=Warning",
            }.Concat(settings).ToArray());
}
