using ChatSupport.HandoffDashboard.Agents;
using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.HandoffDashboard.Bus;
using ChatSupport.HandoffDashboard.CannedReplies;
using ChatSupport.HandoffDashboard.Conversations;
using ChatSupport.HandoffDashboard.Health;
using ChatSupport.HandoffDashboard.PhraseCheck;
using ChatSupport.HandoffDashboard.Redis;

namespace ChatSupport.HandoffDashboard;

/// <summary>
/// The dashboard's composition root: one line per feature. Kept out of Program.cs so tests can
/// start real instances (several per test, on port 0) with their own configuration.
/// </summary>
public static class DashboardApplication
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
        builder.AddDashboardAuth();
        builder.AddCannedReplies();
        builder.AddPhraseCheck();
        builder.Services.AddOpenApi();
        builder.AddAgents();
        builder.AddConversations();
        builder.AddHandoffBus();

        var app = builder.Build();

        app.UseSignedInPages();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseApiAntiforgery();

        app.MapOpenApi();
        app.MapHealth();
        app.MapDashboardAuth();
        app.MapAgents();
        app.MapConversations();
        app.MapCannedReplies();
        app.MapPhraseCheck();
        return app;
    }
}
