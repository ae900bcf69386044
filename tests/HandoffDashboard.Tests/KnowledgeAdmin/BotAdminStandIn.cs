using System.Collections.Concurrent;
using System.Text.Json;
using ChatSupport.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatSupport.HandoffDashboard.Tests.KnowledgeAdmin;

/// <summary>
/// A stand-in for the bot's admin HTTP API on real Kestrel (127.0.0.1:0), speaking the routes and shapes the
/// dashboard's BotKnowledgeClient expects, with a small in-memory knowledge folder. It validates like the bot
/// (front matter with a title, a non-empty answer) and answers test questions by exact title/question match.
/// </summary>
public sealed class BotAdminStandIn : IAsyncDisposable
{
    public const string Key = "stand-in-admin-key-7f3a";

    public ConcurrentDictionary<string, string> Files { get; } = new();
    public ConcurrentQueue<string?> ReceivedKeys { get; } = new();
    public List<(string Text, int Count)> Unanswered { get; } = [("能发顺丰吗", 3), ("几天能到", 1)];
    public RunningApp App { get; private set; } = null!;
    public string BaseUrl => App.BaseAddress.ToString();

    public static async Task<BotAdminStandIn> StartAsync()
    {
        var standIn = new BotAdminStandIn();
        standIn.Files["shipping/courier.md"] = "---\ntitle: 你们发什么快递？\nquestions:\n  - 默认发哪家快递\n---\n默认发**中通快递**。\n";
        standIn.Files["returns/policy.md"] = "---\ntitle: 怎么退货？\n---\n七天无理由退货。\n";
        standIn.App = await RunningApp.StartAsync(args =>
        {
            var builder = WebApplication.CreateSlimBuilder(args);
            var app = builder.Build();
            standIn.Map(app);
            return app;
        });
        return standIn;
    }

    private static string Id(string path) => path[..^3];

    private static string? Title(string content) =>
        content.Split('\n').FirstOrDefault(l => l.StartsWith("title:"))?["title:".Length..].Trim();

    private static IEnumerable<string> Questions(string content) =>
        content.Split('\n').Where(l => l.StartsWith("  - ")).Select(l => l[4..].Trim());

    private static List<object> Validate(string content)
    {
        var errors = new List<object>();
        var lines = content.Replace("\r\n", "\n").Split('\n');
        var end = lines.Length > 0 && lines[0] == "---" ? Array.IndexOf(lines, "---", 1) : -1;
        if (end < 0) errors.Add(new { line = 1, reason = "缺少 front matter" });
        else
        {
            if (Title(string.Join('\n', lines[..end])) is null or "") errors.Add(new { line = 2, reason = "缺少 title" });
            if (lines[(end + 1)..].All(string.IsNullOrWhiteSpace)) errors.Add(new { line = end + 2, reason = "答案为空" });
        }
        return errors;
    }

    private void Map(WebApplication app)
    {
        app.Use(async (ctx, next) =>
        {
            var key = ctx.Request.Headers["X-Admin-Key"].FirstOrDefault();
            ReceivedKeys.Enqueue(key);
            if (key != Key)
            {
                ctx.Response.StatusCode = 401;
                return;
            }
            await next();
        });
        app.MapGet("/admin/knowledge/files", () =>
            Files.OrderBy(f => f.Key).Select(f => new { id = Id(f.Key), path = f.Key, title = Title(f.Value) }));
        app.MapGet("/admin/knowledge/files/{**path}", (string path) =>
            Files.TryGetValue(path, out var content) ? Results.Ok(new { path, content }) : Results.NotFound());
        app.MapPut("/admin/knowledge/files/{**path}", (string path, JsonElement body) =>
        {
            var content = body.GetProperty("content").GetString() ?? "";
            var errors = Validate(content);
            if (errors.Count > 0) return Results.BadRequest(new { errors });
            Files[path] = content;
            return Results.Ok();
        });
        app.MapGet("/admin/knowledge/unanswered", () =>
        {
            lock (Unanswered)
            {
                return Unanswered.Select(u => new
                {
                    text = u.Text, count = u.Count, lastSeen = DateTimeOffset.UtcNow,
                    candidates = new[] { new { faqId = "shipping/courier", title = "你们发什么快递？", score = 0.42 } },
                }).ToList();
            }
        });
        app.MapPost("/admin/knowledge/faqs/{id}/questions", (string id, JsonElement body) =>
        {
            // Kestrel leaves %2F encoded in the path, so an id with slashes arrives escaped.
            var path = Uri.UnescapeDataString(id) + ".md";
            var question = body.GetProperty("question").GetString()!;
            if (!Files.TryGetValue(path, out var content)) return Results.NotFound(new { errors = new[] { new { line = (int?)null, reason = "没有这条 FAQ" } } });
            var lines = content.Split('\n').ToList();
            var q = lines.IndexOf("questions:");
            if (q < 0)
            {
                q = lines.FindIndex(l => l.StartsWith("title:"));
                lines.Insert(q + 1, "questions:");
                q++;
            }
            lines.Insert(q + 1, "  - " + question);
            Files[path] = string.Join('\n', lines);
            lock (Unanswered) Unanswered.RemoveAll(u => u.Text == question);
            return Results.Ok();
        });
        app.MapPost("/admin/knowledge/test", (JsonElement body) =>
        {
            var text = body.GetProperty("text").GetString()!.Trim();
            var hit = Files.FirstOrDefault(f => Title(f.Value) == text || Questions(f.Value).Contains(text));
            return hit.Key is null
                ? Results.Ok(new { route = "fallback", score = 0.1 })
                : Results.Ok(new { route = "answer", faqId = Id(hit.Key), score = 1.0 });
        });
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
