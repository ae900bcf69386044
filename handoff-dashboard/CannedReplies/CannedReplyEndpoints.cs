using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using ChatSupport.HandoffDashboard.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ChatSupport.HandoffDashboard.CannedReplies;

public sealed record ReorderRequest(IReadOnlyList<string>? Ids);

public sealed record CannedReplyList(IReadOnlyList<string> Categories, IReadOnlyList<CannedReplyView> Items, long Version, bool ManagesTeam);

public sealed record ImportResponse(int Created, int Updated);

/// <summary>HTTP surface of canned replies and quick phrases: thin handlers over the store, index and importer.</summary>
public static class CannedReplyEndpoints
{
    public static void MapCannedReplies(this WebApplication app)
    {
        var group = app.MapGroup("/api/canned-replies").WithTags("CannedReplies");
        // State-changing calls carry X-CSRF-TOKEN like every other API call (Auth/ApiAntiforgery checks them all).
        var writes = group;

        group.MapGet("", ListAsync);
        group.MapGet("/search", SearchAsync);
        group.MapGet("/export", ExportAsync);
        group.MapGet("/assist", AssistAsync);
        group.MapGet("/events", Events);
        // Shop-wide values for the composer's variables ({店铺名}); per-chat values come from the chat itself.
        group.MapGet("/context", (Microsoft.Extensions.Options.IOptions<CannedReplyOptions> options) =>
            Results.Ok(new { shopName = options.Value.ShopName }));
        writes.MapPost("", CreateAsync);
        writes.MapPut("/{id}", UpdateAsync);
        writes.MapDelete("/{id}", DeleteAsync);
        writes.MapPut("/order", ReorderAsync);
        writes.MapPost("/{id}/use", UseAsync);
        writes.MapPost("/import", ImportAsync);
        CannedReplyAttachmentEndpoints.MapCannedReplyAttachments(group, writes);
    }

    private static async Task<IResult> ListAsync(SignedInAgent user, CannedReplyIndex index, RedisCannedReplyStore store, CancellationToken ct)
    {
        await index.EnsureLoadedAsync(store, ct);
        var caller = user;
        var items = index.VisibleTo(caller.Id).Select(r => CannedReplyView.From(r, caller.CanEdit(r))).ToList();
        var categories = CannedReplyCategories.Defaults.Concat(items.Select(i => i.Category)).Distinct().ToList();
        return Results.Ok(new CannedReplyList(categories, items, index.Version, caller.IsSupervisor));
    }

    private static async Task<IResult> SearchAsync(string? q, int? limit, SignedInAgent user, CannedReplyIndex index,
        RedisCannedReplyStore store, IOptions<CannedReplyOptions> options, CancellationToken ct)
    {
        await index.EnsureLoadedAsync(store, ct);
        var caller = user;
        var max = Math.Clamp(limit ?? options.Value.SearchLimit, 1, 200);
        var hits = index.Search(caller.Id, q, max);
        return Results.Ok(hits.Select(h => CannedReplyView.From(h.Reply, caller.CanEdit(h.Reply))).ToList());
    }

    private static async Task<IResult> CreateAsync(CannedReplyInput input, SignedInAgent user, CannedReplyIndex index,
        RedisCannedReplyStore store, IOptions<CannedReplyOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var caller = user;
        var (valid, errors) = CannedReplyValidator.Validate(input, options.Value);
        if (valid is null) return Results.ValidationProblem(errors);
        if (!caller.CanCreate(valid.Scope)) return Forbidden("只有主管或管理员可以新建团队话术。");
        await index.EnsureLoadedAsync(store, ct);
        var order = index.Items.Where(i => i.Reply.Category == valid.Category).Select(i => i.Reply.Order).DefaultIfEmpty(0).Max() + 1;
        var reply = new CannedReply(Guid.NewGuid().ToString("N"), valid.Scope,
            valid.Scope == CannedReplyScope.Team ? null : caller.Id,
            valid.Kind, valid.Title, valid.Text, valid.Category, valid.Shortcut, order, clock.GetUtcNow());
        var result = await store.CreateAsync([reply], ct);
        if (result.Outcome == WriteOutcome.DuplicateShortcut) return DuplicateShortcut(valid.Shortcut!);
        if (result.Outcome != WriteOutcome.Ok) return Results.Problem(title: "保存失败，请重试。", statusCode: StatusCodes.Status409Conflict);
        await index.RefreshAsync(store, [reply.Id], ct);
        return Results.Created($"/api/canned-replies/{reply.Id}", CannedReplyView.From(reply, true));
    }

    private static async Task<IResult> UpdateAsync(string id, CannedReplyInput input, SignedInAgent user,
        CannedReplyIndex index, RedisCannedReplyStore store, IOptions<CannedReplyOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var caller = user;
        var existing = await store.FindAsync(id, ct);
        if (existing is null) return NotFound();
        if (!caller.CanEdit(existing)) return Forbidden("这条话术属于团队或其他客服，你没有权限修改。");
        var (valid, errors) = CannedReplyValidator.Validate(input with { Scope = input.Scope ?? existing.Scope }, options.Value);
        if (valid is null) return Results.ValidationProblem(errors);
        if (valid.Scope != existing.Scope)
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["scope"] = ["范围不能修改；请新建一条并删除这一条。"] });
        var updated = existing with
        {
            Title = valid.Title, Text = valid.Text, Category = valid.Category, Shortcut = valid.Shortcut, Kind = valid.Kind,
            UpdatedAt = clock.GetUtcNow(),
        };
        var result = await store.UpdateAsync([updated], ct);
        if (result.Outcome == WriteOutcome.Ok) await index.RefreshAsync(store, [id], ct);
        return result.Outcome switch
        {
            WriteOutcome.Ok => Results.Ok(CannedReplyView.From(updated, true)),
            WriteOutcome.DuplicateShortcut => DuplicateShortcut(valid.Shortcut!),
            _ => NotFound(),
        };
    }

    private static async Task<IResult> DeleteAsync(string id, SignedInAgent user, CannedReplyIndex index, RedisCannedReplyStore store,
        CannedReplyFiles files, CancellationToken ct)
    {
        var existing = await store.FindAsync(id, ct);
        if (existing is null) return NotFound();
        if (!user.CanEdit(existing)) return Forbidden("这条话术属于团队或其他客服，你没有权限删除。");
        await store.DeleteAsync(id, ct);
        await files.DeleteAsync(id);
        await index.RefreshAsync(store, [id], ct);
        return Results.NoContent();
    }

    private static async Task<IResult> ReorderAsync(ReorderRequest request, SignedInAgent user, CannedReplyIndex index, RedisCannedReplyStore store, CancellationToken ct)
    {
        var ids = request.Ids?.Distinct().ToList() ?? [];
        if (ids.Count == 0) return Results.ValidationProblem(new Dictionary<string, string[]> { ["ids"] = ["请给出新的顺序。"] });
        var caller = user;
        var items = await store.LoadAsync(ids, ct);
        if (items.Count != ids.Count) return NotFound();
        if (items.Any(i => !caller.CanEdit(i))) return Forbidden("只能调整你有权限修改的话术的顺序。");
        var missing = await store.ReorderAsync(ids, ct);
        if (missing is not null) return NotFound();
        await index.RefreshAsync(store, ids, ct);
        return Results.NoContent();
    }

    private static async Task<IResult> UseAsync(string id, SignedInAgent user, RedisCannedReplyStore store, CancellationToken ct)
    {
        var existing = await store.FindAsync(id, ct);
        if (existing is null || !existing.IsVisibleTo(user.Id)) return NotFound();
        var count = await store.IncrementUsageAsync(id, ct);
        return Results.Ok(new { id, usageCount = count });
    }

    private static async Task<IResult> ImportAsync(string? format, HttpRequest request, SignedInAgent user,
        CannedReplyImporter importer, CannedReplyIndex index, RedisCannedReplyStore store, IOptions<CannedReplyOptions> options, ILogger<CannedReplyImporter> logger, CancellationToken ct)
    {
        var fmt = (format ?? (request.ContentType?.Contains("csv", StringComparison.OrdinalIgnoreCase) == true ? "csv" : "json")).ToLowerInvariant();
        if (fmt is not ("json" or "csv"))
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["格式只能是 json 或 csv。"] });
        var max = options.Value.MaxImportBytes;
        if (request.ContentLength > max)
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [$"文件太大，最大 {max / 1_000_000} MB。"] });
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > max)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [$"文件太大，最大 {max / 1_000_000} MB。"] });
        }
        var caller = user;
        var result = await importer.ImportAsync(buffer.ToArray(), fmt, caller, options.Value, ct);
        if (!result.Ok) return Results.ValidationProblem(result.Errors!, title: "导入失败，没有导入任何条目。");
        CannedReplyLog.Imported(logger, result.Created + result.Updated, caller.Id);
        index.Apply(result.Written.Select(r => r.Id).ToList(), result.Written, usageOnly: false);
        return Results.Ok(new ImportResponse(result.Created, result.Updated));
    }

    private static async Task<IResult> ExportAsync(string? format, string? scope, SignedInAgent user, CannedReplyIndex index,
        RedisCannedReplyStore store, CancellationToken ct)
    {
        await index.EnsureLoadedAsync(store, ct);
        var caller = user;
        IEnumerable<CannedReply> items = index.VisibleTo(caller.Id);
        items = scope?.ToLowerInvariant() switch
        {
            "team" => items.Where(i => i.Scope == CannedReplyScope.Team),
            "personal" => items.Where(i => i.Scope == CannedReplyScope.Personal),
            _ => items,
        };
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd");
        switch ((format ?? "json").ToLowerInvariant())
        {
            case "csv":
                return Results.File(Encoding.UTF8.GetBytes(CannedReplyCsv.Write(items)), "text/csv; charset=utf-8", $"canned-replies-{stamp}.csv");
            case "json":
                var file = new CannedReplyFile(1, items.Select(r =>
                    new CannedReplyFileItem(r.Id, r.Scope.ToString(), r.Kind.ToString(), r.Category, r.Title, r.Shortcut, r.Text)).ToList());
                return Results.File(JsonSerializer.SerializeToUtf8Bytes(file, RedisCannedReplyStore.Json), "application/json; charset=utf-8", $"canned-replies-{stamp}.json");
            default:
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["格式只能是 json 或 csv。"] });
        }
    }

    private static async Task<IResult> AssistAsync(string? text, SignedInAgent user, ReplyAssist assist, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text))
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["缺少顾客消息。"] });
        return Results.Ok(await assist.SuggestAsync(text.Length > 500 ? text[..500] : text, user, ct));
    }

    /// <summary>
    /// Server-sent events: "changed" (data = index version) whenever any instance changed a phrase, so
    /// open pages refetch; "ping" every 15 s keeps proxies from closing the stream.
    /// </summary>
    private static IResult Events(CannedReplyNotifier notifier, CannedReplyIndex index, HttpContext ctx)
    {
        ctx.Response.Headers["X-Accel-Buffering"] = "no";
        return TypedResults.ServerSentEvents(Stream(notifier, index, ctx.RequestAborted));

        static async IAsyncEnumerable<SseItem<string>> Stream(CannedReplyNotifier notifier, CannedReplyIndex index,
            [EnumeratorCancellation] CancellationToken ct)
        {
            using var subscription = notifier.Subscribe();
            yield return new SseItem<string>(index.Version.ToString(), "ready");
            while (!ct.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(TimeSpan.FromSeconds(15));
                bool changed;
                try
                {
                    changed = await subscription.Reader.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    changed = false;
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }
                if (changed && subscription.Reader.TryRead(out var version))
                    yield return new SseItem<string>(version.ToString(), "changed");
                else
                    yield return new SseItem<string>("", "ping");
            }
        }
    }

    private static IResult DuplicateShortcut(string shortcut) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { ["shortcut"] = [$"快捷码 {shortcut} 已被其他话术使用，请换一个。"] },
            statusCode: StatusCodes.Status409Conflict, title: "快捷码重复。");

    private static IResult Forbidden(string title) => Results.Problem(title: title, statusCode: StatusCodes.Status403Forbidden);

    private static IResult NotFound() => Results.Problem(title: "找不到这条话术，可能已被删除。", statusCode: StatusCodes.Status404NotFound);
}
