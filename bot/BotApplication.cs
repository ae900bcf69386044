using ChatSupport.Bot.Health;
using ChatSupport.Bot.Knowledge;
using ChatSupport.Bot.Knowledge.Admin;
using ChatSupport.Bot.Redis;

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
        builder.AddKnowledge();

        var app = builder.Build();

        app.MapHealth();
        app.MapKnowledgeAdmin();
        return app;
    }
}
