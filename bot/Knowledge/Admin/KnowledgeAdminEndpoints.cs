using ChatSupport.Bot.Knowledge.Matching;
using ChatSupport.Bot.Routing;
using ChatSupport.Bot.Routing.Unanswered;
using ChatSupport.HandoffContract;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.Knowledge.Admin;

/// <summary>Section "Admin": the key the admin API requires in the X-Admin-Key header. No key configured = admin API refused.</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";
    public string? ApiKey { get; set; }
}

public sealed record TestQuestionRequest(string? Text, int ConsecutiveFallbacks = 0);
public sealed record FaqContentRequest(string? Content);
public sealed record AddQuestionRequest(string? Question);
public sealed record PreviewRequest(string? Content, string? Path);

/// <summary>
/// /admin/knowledge: status, test a question, unanswered questions, FAQ files (list, get, put, add a question, preview).
/// Every route requires X-Admin-Key = Admin:ApiKey.
/// </summary>
public static class KnowledgeAdminEndpoints
{
    public const string HeaderName = "X-Admin-Key";

    public static void MapKnowledgeAdmin(this WebApplication app)
    {
        var group = app.MapGroup("/admin/knowledge").AddEndpointFilter(RequireAdminKey);

        group.MapGet("/status", (KnowledgeStore store) =>
        {
            var s = store.Current;
            return Results.Ok(new
            {
                folder = s.Folder,
                folderExists = s.FolderExists,
                faqCount = s.Entries.Count,
                fileCount = s.Files.Count,
                categories = s.Entries.GroupBy(e => e.Category).ToDictionary(g => g.Key, g => g.Count()),
                errorCount = s.Errors.Count,
                errors = s.Errors.Select(e => new { file = e.File, line = e.Line, reason = e.Explanation, detail = e.Reason, at = e.At }),
                servedFromLastGood = s.ServedFromLastGood,
                lastReload = s.LoadedAt,
                loadMilliseconds = (long)s.LoadDuration.TotalMilliseconds,
                reloadCount = store.ReloadCount,
                synonymGroups = s.Index.Synonyms.Groups.Count,
            });
        });

        group.MapPost("/test", (TestQuestionRequest request, MessageRouter router) =>
        {
            if (request.Text is null) return Results.Problem("'text' is required", statusCode: 400);
            var (decision, candidates) = router.Explain(request.Text, new RoutingContext(Math.Max(0, request.ConsecutiveFallbacks)));
            return Results.Ok(new
            {
                decision = new
                {
                    route = decision.Route.ToString().ToLowerInvariant(),
                    faqId = decision.FaqId,
                    reason = decision.Reason?.ToWireName(),
                    trigger = decision.Trigger.ToString(),
                    score = decision.Score,
                    candidates = decision.Route == ChatSupport.Bot.Routing.Route.Clarify ? decision.Candidates : [],
                    explanation = decision.Explanation,
                },
                normalized = decision.NormalizedText,
                candidates = candidates.Take(5).Select(Describe),
            });
        });

        group.MapGet("/unanswered", async (IUnansweredQuestionLog log, int? limit, CancellationToken ct) =>
            Results.Ok(await log.ListAsync(limit ?? 100, ct)));

        group.MapGet("/files", (FaqFileEditor editor) => Results.Ok(editor.List()));

        group.MapGet("/files/{**path}", async (string path, FaqFileEditor editor, KnowledgeStore store, CancellationToken ct) =>
        {
            var full = editor.Resolve(path);
            if (full is null) return Results.Problem("not an FAQ path", statusCode: 400);
            if (!File.Exists(full)) return Results.NotFound();
            var relative = Path.GetRelativePath(editor.Folder, full).Replace('\\', '/');
            return Results.Ok(new
            {
                path = relative,
                content = await File.ReadAllTextAsync(full, ct),
                errors = store.Current.Errors.Where(e => e.File == relative).Select(e => new { e.Line, Reason = e.Explanation, Detail = e.Reason }),
            });
        });

        group.MapPut("/files/{**path}", async (string path, FaqContentRequest request, FaqFileEditor editor, ILoggerFactory logs, CancellationToken ct) =>
        {
            if (request.Content is null) return Results.Problem("'content' is required", statusCode: 400);
            var result = await editor.WriteAsync(path, request.Content, ct);
            if (!result.Ok) return Invalid(result);
            KnowledgeLog.FileWritten(logs.CreateLogger("ChatSupport.Bot.Knowledge.Admin"), result.Entry!.RelativePath);
            return Results.Ok(new { path = result.Entry.RelativePath, id = result.Entry.Id, title = result.Entry.Title });
        });

        // The dashboard's editor previews through here, so it shows what this parser makes of the file.
        group.MapPost("/preview", (PreviewRequest request) =>
        {
            if (request.Content is null) return Results.Problem("'content' is required", statusCode: 400);
            if (request.Content.Length > FaqPreview.MaxChars) return Results.Problem("the file is too large", statusCode: 413);
            return Results.Ok(FaqPreview.Render(request.Content, string.IsNullOrWhiteSpace(request.Path) ? "preview.md" : request.Path));
        });

        group.MapPost("/faqs/{**id}", async (string id, AddQuestionRequest request, FaqFileEditor editor, IMessageRouter router,
            IUnansweredQuestionLog unanswered, CancellationToken ct) =>
        {
            // POST /admin/knowledge/faqs/{id}/questions: ids contain '/', so the suffix is split off by hand.
            const string suffix = "/questions";
            if (!id.EndsWith(suffix, StringComparison.Ordinal)) return Results.NotFound();
            if (string.IsNullOrWhiteSpace(request.Question)) return Results.Problem("'question' is required", statusCode: 400);
            // Clients escape the id as one segment (shipping%2Fcourier); Kestrel keeps %2F encoded in the path.
            var result = await editor.AddQuestionAsync(Uri.UnescapeDataString(id[..^suffix.Length]), request.Question, ct);
            if (!result.Ok) return result.NotFound ? Results.Problem(result.Reason, statusCode: 404) : Invalid(result);
            // The log keys questions by their normalised text: the question is answerable now, so it leaves the list.
            await unanswered.ForgetAsync([request.Question, router.Preview(request.Question, RoutingContext.FirstMessage).NormalizedText], ct);
            return Results.Ok(new { id = result.Entry!.Id, questions = result.Entry.Questions });
        });
    }

    private static IResult Invalid(FaqEditResult result) => Results.Problem(
        title: "文件有误，没有保存",
        detail: result.Line > 0 ? $"第 {result.Line} 行：{result.Reason}" : result.Reason,
        statusCode: 400,
        extensions: new Dictionary<string, object?>
        {
            ["line"] = result.Line,
            ["reason"] = result.Reason,
            // The dashboard's editor lists the reasons a file is refused under it.
            ["errors"] = new[] { new { line = result.Line > 0 ? result.Line : (int?)null, reason = result.Reason } },
        });

    private static object Describe(MatchCandidate c) => new
    {
        faqId = c.Faq.Id,
        title = c.Faq.Title,
        score = Math.Round(c.Score, 4),
        coverage = Math.Round(c.Coverage, 4),
        phrasingRecall = Math.Round(c.PhrasingRecall, 4),
        similarity = Math.Round(c.Similarity, 4),
        penalty = Math.Round(c.Penalty, 4),
        evidence = c.Evidence,
    };

    internal static async ValueTask<object?> RequireAdminKey(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<AdminOptions>>().Value;
        if (string.IsNullOrEmpty(options.ApiKey))
            return Results.Problem("the admin API is disabled: configure Admin:ApiKey", statusCode: 403);
        var given = context.HttpContext.Request.Headers[HeaderName].ToString();
        var expected = System.Text.Encoding.UTF8.GetBytes(options.ApiKey);
        var actual = System.Text.Encoding.UTF8.GetBytes(given);
        if (!System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(expected, actual))
            return Results.Problem($"missing or wrong {HeaderName}", statusCode: 401);
        return await next(context);
    }
}
