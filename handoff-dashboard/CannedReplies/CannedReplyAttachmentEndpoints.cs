using ChatSupport.HandoffDashboard.Auth;
using Microsoft.Extensions.Options;

namespace ChatSupport.HandoffDashboard.CannedReplies;

/// <summary>
/// The file a canned reply carries: <c>PUT /api/canned-replies/{id}/attachment</c> (multipart <c>file</c>) sets or replaces it,
/// <c>DELETE</c> removes it (whoever may edit the reply), <c>GET</c> serves it to whoever may use the reply (the management page's
/// preview). Agents send it with the reply through <c>POST /api/conversations/{id}/attachments</c> with <c>cannedReplyId</c>.
/// </summary>
public static class CannedReplyAttachmentEndpoints
{
    public static void MapCannedReplyAttachments(RouteGroupBuilder reads, RouteGroupBuilder writes)
    {
        reads.MapGet("/{id}/attachment", GetAsync);
        writes.MapPut("/{id}/attachment", PutAsync);
        writes.MapDelete("/{id}/attachment", DeleteAsync);
    }

    private static async Task<IResult> GetAsync(string id, SignedInAgent user, RedisCannedReplyStore store, CannedReplyFiles files,
        HttpResponse response, CancellationToken ct)
    {
        var reply = await store.FindAsync(id, ct);
        if (reply is null || !reply.IsVisibleTo(user.Id)) return NotFound();
        if (reply.Attachment is null || await files.LoadAsync(id) is not { } content)
            return Results.Problem(title: "这条话术没有附件。", statusCode: StatusCodes.Status404NotFound);
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "private, no-store";
        return Results.File(content, reply.Attachment.ContentType);
    }

    private static async Task<IResult> PutAsync(string id, HttpRequest request, SignedInAgent user, RedisCannedReplyStore store,
        CannedReplyIndex index, CannedReplyFiles files, IOptions<CannedReplyOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var existing = await store.FindAsync(id, ct);
        if (existing is null) return NotFound();
        if (!user.CanEdit(existing)) return Results.Problem(title: "这条话术属于团队或其他客服，你没有权限修改。", statusCode: StatusCodes.Status403Forbidden);
        var max = options.Value.MaxAttachmentBytes;
        if (!request.HasFormContentType) return Invalid(400, "请选择要附带的图片或 PDF。");
        if (request.ContentLength > max + 64_000) return Invalid(413, $"附件太大，最大 {max / 1_000_000.0:0.#} MB。");
        var form = await request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file");
        if (file is null) return Invalid(400, "请选择要附带的图片或 PDF。");
        if (file.Length > max) return Invalid(413, $"附件太大，最大 {max / 1_000_000.0:0.#} MB。");
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var content = buffer.ToArray();
        var check = CannedReplyFiles.Check(content, file.FileName, file.ContentType, max);
        if (check.ContentType is null) return Invalid(check.Status, check.Problem!);

        var attachment = new CannedReplyAttachment(CannedReplyFiles.CleanName(file.FileName, check.ContentType), check.ContentType, content.Length);
        // The bytes first: a reply never names a file that is not there (a failed update leaves an unused string, replaced next time).
        await files.SaveAsync(id, content);
        var updated = existing with { Attachment = attachment, UpdatedAt = clock.GetUtcNow() };
        if ((await store.UpdateAsync([updated], ct)).Outcome != WriteOutcome.Ok) return NotFound();
        await index.RefreshAsync(store, [id], ct);
        return Results.Ok(CannedReplyView.From(updated, true));
    }

    private static async Task<IResult> DeleteAsync(string id, SignedInAgent user, RedisCannedReplyStore store, CannedReplyIndex index,
        CannedReplyFiles files, TimeProvider clock, CancellationToken ct)
    {
        var existing = await store.FindAsync(id, ct);
        if (existing is null) return NotFound();
        if (!user.CanEdit(existing)) return Results.Problem(title: "这条话术属于团队或其他客服，你没有权限修改。", statusCode: StatusCodes.Status403Forbidden);
        if (existing.Attachment is not null)
        {
            if ((await store.UpdateAsync([existing with { Attachment = null, UpdatedAt = clock.GetUtcNow() }], ct)).Outcome != WriteOutcome.Ok) return NotFound();
            await index.RefreshAsync(store, [id], ct);
        }
        await files.DeleteAsync(id);
        return Results.NoContent();
    }

    private static IResult Invalid(int status, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [message] }, statusCode: status, title: message);

    private static IResult NotFound() => Results.Problem(title: "找不到这条话术，可能已被删除。", statusCode: StatusCodes.Status404NotFound);
}
