using ChatSupport.Bot.DirectLine;
using ChatSupport.Bot.Handoff;
using ChatSupport.Bot.Health;
using ChatSupport.Bot.Protocol;
using ChatSupport.Bot.Redis;
using ChatSupport.Bot.StorePage;

namespace ChatSupport.Bot;

/// <summary>
/// The bot's composition root: one line per feature. Kept out of Program.cs so tests can start
/// real instances (several per test, on port 0) with their own configuration.
/// </summary>
public static class BotApplication
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        configure?.Invoke(builder);

        builder.AddRedis();
        builder.AddHealth();
        builder.AddBotProtocol();
        builder.AddDirectLine();
        builder.AddHandoff();
        builder.AddStorePage();

        var app = builder.Build();

        app.UseStorePage();
        app.MapHealth();
        app.UseDirectLine();
        app.MapBotMessages();
        return app;
    }
}
