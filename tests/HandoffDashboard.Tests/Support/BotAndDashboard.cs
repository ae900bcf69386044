using System.Net.Http.Json;
using ChatSupport.Bot;
using ChatSupport.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.Tests.Support;

/// <summary>
/// The real bot and the real dashboard on one redis-server, for tests of files that cross both: attachments on (one
/// signing key, a temporary folder removed afterwards), the bot's admin API wired to the dashboard, agents available
/// around the clock, and optionally one controllable clock shared by both services.
/// </summary>
public sealed class BotAndDashboard : IAsyncDisposable
{
    public const string DirectLineSecret = "bot-and-dashboard-directline-secret";
    public const string AttachmentSigningKey = "bot-and-dashboard-attachment-signing-key";
    private const string BotAdminKey = "bot-and-dashboard-admin-key";

    public RedisServer Redis { get; }
    public ConnectionMultiplexer Connection { get; }
    public RunningApp Bot { get; private set; } = null!;
    public RunningApp Dashboard { get; private set; } = null!;

    /// <summary>The bot's attachment folder.</summary>
    public string Files { get; } = Path.Combine(Path.GetTempPath(), "cs-bot-and-dashboard-" + Guid.NewGuid().ToString("N"));

    private BotAndDashboard(RedisServer redis)
    {
        Redis = redis;
        Connection = redis.Connect();
    }

    /// <param name="clock">Given to both services instead of the system clock.</param>
    /// <param name="dashboardArgs">More configuration for the dashboard (e.g. "--StaleChats:Enabled=false").</param>
    public static async Task<BotAndDashboard> StartAsync(TimeProvider? clock = null, params string[] dashboardArgs)
    {
        var host = new BotAndDashboard(RedisServer.Start());
        try
        {
            host.Bot = await RunningApp.StartAsync(args => BotApplication.Build(args, b => UseClock(b.Services, clock)),
                [
                    $"--ConnectionStrings:Redis={host.Redis.ConnectionString}", $"--DirectLine:Secret={DirectLineSecret}",
                    $"--Knowledge:Path={RepositoryPaths.Knowledge}", $"--Admin:ApiKey={BotAdminKey}", "--Logging:LogLevel:Default=Warning",
                    $"--Attachments:SigningKey={AttachmentSigningKey}", $"--Attachments:Folder={host.Files}",
                    .. Enum.GetNames<DayOfWeek>().Select(d => $"--Handoff:BusinessHours:{d}=00:00-00:00"),
                ]);
            host.Dashboard = await RunningApp.StartAsync(args => DashboardApplication.Build(args, b => UseClock(b.Services, clock)),
                [
                    $"--ConnectionStrings:Redis={host.Redis.ConnectionString}", $"--Dashboard:BootstrapAdmin:UserName={DashboardHost.AdminName}",
                    $"--Dashboard:BootstrapAdmin:Password={DashboardHost.AdminPassword}", "--CannedReplies:AcceptGreeting:Enabled=false",
                    "--Logging:LogLevel:Default=Warning", $"--Bot:AdminBaseUrl={host.Bot.BaseAddress}", $"--Bot:AdminApiKey={BotAdminKey}",
                    $"--Attachments:SigningKey={AttachmentSigningKey}", $"--Attachments:BotPublicUrl={host.Bot.BaseAddress}",
                    .. dashboardArgs,
                ]);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    private static void UseClock(IServiceCollection services, TimeProvider? clock)
    {
        if (clock is not null) services.AddSingleton(clock);
    }

    public Task<DashboardClient> SignInAdminAsync() =>
        DashboardClient.SignInAsync(Dashboard.BaseAddress, DashboardHost.AdminName, DashboardHost.AdminPassword);

    public Task<DashboardClient> SignInAsync(string userName) =>
        DashboardClient.SignInAsync(Dashboard.BaseAddress, userName, DashboardHost.AgentPassword);

    /// <summary>An agent with the after-sales and general skills and three chats at most, password <see cref="DashboardHost.AgentPassword"/>.</summary>
    public static async Task CreateAgentAsync(DashboardClient admin, string userName, string displayName) =>
        (await admin.Http.PostAsJsonAsync("api/agents", new
        {
            userName, displayName, password = DashboardHost.AgentPassword, roles = new[] { "agent" },
            skills = new[] { "after-sales", "general" }, maxConcurrentChats = 3,
        })).EnsureSuccessStatusCode();

    /// <summary>A real JPEG of one colour (what a shopper's phone or an agent's size chart would send).</summary>
    public static byte[] Jpeg(string colour, uint width = 640, uint height = 480)
    {
        using var image = new ImageMagick.MagickImage(new ImageMagick.MagickColor(colour), width, height);
        return image.ToByteArray(ImageMagick.MagickFormat.Jpeg);
    }

    public async ValueTask DisposeAsync()
    {
        if (Dashboard is not null) await Dashboard.DisposeAsync();
        if (Bot is not null) await Bot.DisposeAsync();
        Connection.Dispose();
        Redis.Dispose();
        try { if (Directory.Exists(Files)) Directory.Delete(Files, recursive: true); } catch (IOException) { }
    }
}
