using ChatSupport.HandoffDashboard.Attachments;
using ChatSupport.HandoffDashboard.Agents;
using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.HandoffDashboard.Bus;
using ChatSupport.HandoffDashboard.CannedReplies;
using ChatSupport.HandoffDashboard.Conversations;
using ChatSupport.HandoffDashboard.Complaints;
using ChatSupport.HandoffDashboard.Customers;
using ChatSupport.HandoffDashboard.FollowUps;
using ChatSupport.HandoffDashboard.Handovers;
using ChatSupport.HandoffDashboard.KnowledgeAdmin;
using ChatSupport.HandoffDashboard.Intake;
using ChatSupport.HandoffDashboard.Orders;
using ChatSupport.HandoffDashboard.Health;
using ChatSupport.HandoffDashboard.PhraseCheck;
using ChatSupport.HandoffDashboard.Redis;
using ChatSupport.HandoffDashboard.Reports;
using ChatSupport.HandoffDashboard.Sales;
using ChatSupport.HandoffDashboard.Search;
using ChatSupport.HandoffDashboard.StaleChats;
using ChatSupport.HandoffDashboard.Security;

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

        builder.AddRedis();
        builder.AddHealth();
        builder.AddDashboardAuth();
        builder.AddDashboardRateLimits();
        builder.AddCannedReplies();
        builder.AddPhraseCheck();
        builder.Services.AddOpenApi();
        builder.AddAgents();
        builder.AddConversations();
        builder.AddHandoffBus();
        builder.AddComplaints();
        builder.AddFollowUps();
        builder.AddHandovers();
        builder.AddReports();
        builder.AddKnowledgeAdmin();
        builder.AddShopperOrders();
        builder.AddCustomers();
        builder.AddSales();
        builder.AddAttachmentLinks();
        builder.AddIntakeSummaries();
        builder.AddSearch();
        builder.AddStaleChats();

        // Last, so tests can replace any service registered above.
        configure?.Invoke(builder);

        var app = builder.Build();

        ProxyOptions.UseTrustedProxies(app);
        app.UseSecurityHeaders();
        app.UseSignedInPages();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseDashboardRateLimits();
        app.UseAuthorization();
        app.UseApiAntiforgery();
        app.UseHubOriginCheck();

        app.MapOpenApi();
        app.MapHealth();
        app.MapDashboardAuth();
        app.MapAgents();
        app.MapConversations();
        app.MapCannedReplies();
        app.MapPhraseCheck();
        app.MapComplaints();
        app.MapFollowUps();
        app.MapHandovers();
        app.MapReports();
        app.MapKnowledgeAdmin();
        app.MapShopperOrders();
        app.MapCustomers();
        app.MapSales();
        app.MapAgentAttachments();
        app.MapIntakeSummaries();
        app.MapSearch();
        return app;
    }
}
