using ChatSupport.Bot;
using ChatSupport.Bot.Routing;
using ChatSupport.Bot.Routing.Unanswered;
using ChatSupport.TestSupport;

namespace ChatSupport.HandoffDashboard.Tests.KnowledgeAdmin;

/// <summary>
/// The real bot (its admin API, parser, router and unanswered-questions log) on Kestrel at 127.0.0.1, with its own
/// Redis and a small knowledge folder in a temporary directory. The dashboard's knowledge tools are tested against
/// it, so the two services' admin contract is checked end to end instead of against a copy of the bot's rules.
/// </summary>
public sealed class RealBotAdmin : IAsyncDisposable
{
    public const string Key = "real-bot-admin-key-7f3a";

    private readonly RedisServer _redis;
    public RunningApp App { get; }
    public string Folder { get; }
    public string BaseUrl => App.BaseAddress.ToString();

    private RealBotAdmin(RedisServer redis, RunningApp app, string folder)
    {
        _redis = redis;
        App = app;
        Folder = folder;
    }

    public static async Task<RealBotAdmin> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "chatsupport-admin-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "shipping"));
        Directory.CreateDirectory(Path.Combine(folder, "returns"));
        await System.IO.File.WriteAllTextAsync(Path.Combine(folder, "shipping", "courier.md"),
            "---\ntitle: 你们发什么快递？\nquestions:\n  - 默认发哪家快递\n---\n默认发**中通快递**。\n");
        await System.IO.File.WriteAllTextAsync(Path.Combine(folder, "returns", "policy.md"), "---\ntitle: 怎么退货？\n---\n七天无理由退货。\n");
        var redis = RedisServer.Start();
        var app = await RunningApp.StartAsync(args => BotApplication.Build(args),
            $"--ConnectionStrings:Redis={redis.ConnectionString}", $"--Knowledge:Path={folder}", $"--Admin:ApiKey={Key}",
            "--Logging:LogLevel:Default=Warning");
        return new RealBotAdmin(redis, app, folder);
    }

    public string File(string relativePath) => System.IO.File.ReadAllText(Path.Combine(Folder, relativePath));

    /// <summary>What the turn handler does with a message it could not answer: route it, then log the decision.</summary>
    public async Task<RoutingDecision> AskAsync(string text)
    {
        var decision = App.Service<IMessageRouter>().Route(text, RoutingContext.FirstMessage);
        await App.Service<IUnansweredQuestionLog>().RecordAsync(text, decision, CancellationToken.None);
        return decision;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        _redis.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
