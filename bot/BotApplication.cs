using ChatSupport.Bot.Attachments;
using ChatSupport.Bot.Dialogue;
using ChatSupport.Bot.DirectLine;
using ChatSupport.Bot.Handoff;
using ChatSupport.Bot.Health;
using ChatSupport.Bot.Knowledge;
using ChatSupport.Bot.Knowledge.Admin;
using ChatSupport.Bot.Orders;
using ChatSupport.Bot.Protocol;
using ChatSupport.Bot.Redis;
using ChatSupport.Bot.Routing;
using ChatSupport.Bot.StorePage;
using ChatSupport.Bot.Traffic;

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

        builder.AddRedis();
        builder.AddTraffic();
        builder.AddHealth();
        builder.AddBotProtocol();
        builder.AddDirectLine();
        builder.AddRouting();
        builder.AddKnowledge();
        builder.AddDialogue();
        builder.AddHandoff();
        builder.AddOrders();
        builder.AddAttachments();

        // Last, so tests can replace any service registered above.
        configure?.Invoke(builder);

        var app = builder.Build();

        app.UseTraffic();
        app.UseStorePage();
        app.MapHealth();
        app.UseDirectLine();
        app.MapBotMessages();
        app.MapKnowledgeAdmin();
        app.MapOrders();
        app.MapAttachments();
        return app;
    }
}
