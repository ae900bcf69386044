using ChatSupport.Bot.Dialogue;

namespace ChatSupport.Bot.Protocol;

public static class ProtocolRegistration
{
    /// <summary>The turn pipeline: adapter, Redis state with ETags, and the store's bot as the handler.</summary>
    public static void AddBotProtocol(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RedisBotStateStore>();
        builder.Services.AddSingleton<BotAdapter>();
        builder.Services.AddSingleton<ActivityHandler, SupportBot>();
    }
}
