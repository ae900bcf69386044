using ChatSupport.HandoffDashboard.Auth;
using Microsoft.Extensions.Options;

namespace ChatSupport.HandoffDashboard.KnowledgeAdmin;

public sealed record SaveFileRequest(string? Content);

/// <summary>FAQ ids contain slashes (shipping/courier), so the id travels in the body, not the route.</summary>
public sealed record AddQuestionRequest(string? FaqId, string? Question);

public sealed record TestQuestionRequest(string? Text);

public sealed record PreviewRequest(string? Content, string? Path);

/// <summary>
/// Admin-only knowledge tools. Every call is proxied to the bot's admin API by <see cref="BotKnowledgeClient"/>,
/// so the admin key never reaches the browser.
/// </summary>
public static partial class KnowledgeAdminEndpoints
{
    public static void AddKnowledgeAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BotAdminOptions>()
            .Bind(builder.Configuration.GetSection(BotAdminOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<BotAdminOptions>, BotAdminOptionsValidator>();
        builder.Services.AddHttpClient<BotKnowledgeClient>((sp, http) =>
            http.Timeout = sp.GetRequiredService<IOptions<BotAdminOptions>>().Value.Timeout);
    }

    public static void MapKnowledgeAdmin(this WebApplication app)
    {
        var group = app.MapGroup("/api/knowledge").WithTags("KnowledgeAdmin")
            .RequireAuthorization(DashboardRoles.AdminPolicy)
            .AddEndpointFilter(async (context, next) =>
            {
                var client = context.HttpContext.RequestServices.GetRequiredService<BotKnowledgeClient>();
                if (!client.IsConfigured)
                    return Results.Problem(title: "未配置机器人管理接口（Bot:AdminBaseUrl）。", statusCode: StatusCodes.Status503ServiceUnavailable);
                try
                {
                    return await next(context);
                }
                catch (BotAdminUnavailableException ex)
                {
                    Log.BotAdminUnavailable(context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>()
                        .CreateLogger("ChatSupport.HandoffDashboard.KnowledgeAdmin"), ex);
                    return Results.Problem(title: "机器人管理接口暂时不可用，请稍后再试。", statusCode: StatusCodes.Status502BadGateway);
                }
            });

        group.MapGet("/files", async (BotKnowledgeClient bot, CancellationToken ct) => Results.Ok(await bot.ListFilesAsync(ct)))
            .WithSummary("The FAQ files (admins).");

        group.MapGet("/files/{*path}", async (string path, BotKnowledgeClient bot, CancellationToken ct) =>
        {
            if (PathProblem(path) is { } bad) return bad;
            return await bot.GetFileAsync(path, ct) is { } file
                ? Results.Ok(file)
                : Results.Problem(title: "没有这个文件。", statusCode: StatusCodes.Status404NotFound);
        }).WithSummary("One FAQ file's Markdown (admins).");

        group.MapPut("/files/{*path}", async (string path, SaveFileRequest request, BotKnowledgeClient bot, CancellationToken ct) =>
        {
            if (PathProblem(path) is { } bad) return bad;
            if (request.Content is null)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["content"] = ["缺少文件内容。"] });
            var result = await bot.SaveFileAsync(path, request.Content, ct);
            if (result.Ok) return Results.Ok(new { path });
            return Results.Json(new { title = "文件无效，未保存。", status = (int)result.Status, errors = result.Errors },
                statusCode: (int)result.Status);
        }).WithSummary("Saves an FAQ file through the bot, which validates it first; 400 with the reasons and nothing written when invalid.");

        group.MapPost("/preview", async (PreviewRequest request, BotKnowledgeClient bot, CancellationToken ct) =>
        {
            var result = await bot.PreviewAsync(request.Content ?? "", request.Path, ct);
            return result.Ok && result.Body is { } body
                ? Results.Json(body)
                : Results.Json(new { title = "预览失败。", status = (int)result.Status, errors = result.Errors }, statusCode: (int)result.Status);
        }).WithSummary("The editor's preview, made by the bot's own FAQ parser: title, alternate questions, the answer as sanitised HTML, and why the bot would refuse the file.");

        group.MapGet("/unanswered", async (BotKnowledgeClient bot, CancellationToken ct) =>
                Results.Ok((await bot.UnansweredAsync(ct)).Select(q => new
                {
                    // What the shopper last typed reads better than the normalised form, and makes a better alternate question.
                    text = string.IsNullOrWhiteSpace(q.LastText) ? q.NormalizedText : q.LastText,
                    count = q.Count,
                    lastSeen = q.LastSeen,
                    candidates = q.TopCandidates ?? [],
                })))
            .WithSummary("Questions the bot could not answer, with candidate FAQs.");

        group.MapPost("/alternate-questions", async (AddQuestionRequest request, BotKnowledgeClient bot, CancellationToken ct) =>
        {
            var id = request.FaqId?.Trim();
            if (string.IsNullOrEmpty(id) || id.Length > 300)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["faqId"] = ["请选择一条 FAQ。"] });
            var question = request.Question?.Trim();
            if (string.IsNullOrEmpty(question) || question.Length > 200)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["question"] = ["请填写问题（最多 200 字）。"] });
            var result = await bot.AddQuestionAsync(id, question, ct);
            return result.Ok
                ? Results.Ok(new { faqId = id, question })
                : Results.Json(new { title = "未能添加到这条 FAQ。", status = (int)result.Status, errors = result.Errors }, statusCode: (int)result.Status);
        }).WithSummary("Adds a question as an alternate phrasing of an FAQ.");

        group.MapPost("/test", async (TestQuestionRequest request, BotKnowledgeClient bot, CancellationToken ct) =>
        {
            var text = request.Text?.Trim();
            if (string.IsNullOrEmpty(text) || text.Length > 500)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["请填写要测试的问题（最多 500 字）。"] });
            var result = await bot.TestAsync(text, ct);
            return result.Ok && result.Body is { } body
                ? Results.Ok(TestView(body))
                : Results.Json(new { title = "测试失败。", status = (int)result.Status, errors = result.Errors }, statusCode: (int)result.Status);
        }).WithSummary("Asks the live engine how it would route a question.");
    }

    /// <summary>The bot's decision ({decision:{route, faqId, reason, score, candidates}, normalized}) as the page shows it.</summary>
    private static object TestView(System.Text.Json.JsonElement body)
    {
        var decision = body.TryGetProperty("decision", out var d) ? d : body;
        string? Text(string name) => decision.TryGetProperty(name, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString() : null;
        return new
        {
            route = Text("route"),
            faqId = Text("faqId"),
            reason = Text("reason"),
            score = decision.TryGetProperty("score", out var s) && s.ValueKind == System.Text.Json.JsonValueKind.Number ? s.GetDouble() : (double?)null,
            candidates = decision.TryGetProperty("candidates", out var c) && c.ValueKind == System.Text.Json.JsonValueKind.Array
                ? c.EnumerateArray().Select(x => x.TryGetProperty("title", out var t) ? t.GetString() : x.GetProperty("faqId").GetString()).ToList()
                : [],
            normalized = body.TryGetProperty("normalized", out var n) ? n.GetString() : null,
        };
    }

    /// <summary>Relative paths to .md files only; the bot checks again, this keeps obvious nonsense off the wire.</summary>
    private static IResult? PathProblem(string path)
    {
        var ok = path.Length is > 0 and < 300 && !path.StartsWith('/') && !path.Contains('\\') && !path.Contains('\0')
                 && path.Split('/').All(s => s.Length > 0 && s != "." && s != "..") && path.EndsWith(".md", StringComparison.OrdinalIgnoreCase);
        return ok ? null : Results.Problem(title: "文件路径无效。", statusCode: StatusCodes.Status400BadRequest);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6300, Level = LogLevel.Warning, Message = "Bot admin API unavailable")]
        public static partial void BotAdminUnavailable(ILogger logger, Exception exception);
    }
}
