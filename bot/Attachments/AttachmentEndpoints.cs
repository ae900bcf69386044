using ChatSupport.Bot.DirectLine;
using ChatSupport.Bot.Knowledge.Admin;
using ChatSupport.Bot.Traffic;
using ChatSupport.HandoffContract;

namespace ChatSupport.Bot.Attachments;

/// <summary>
/// Serving files back: <c>GET /attachments/{conversationId}/{attachmentId}/{file|thumbnail}</c> with a signed, unexpired URL
/// (no other credential), or with a Direct Line token of that conversation (or the secret) as Bearer; nothing else opens it.
/// And <c>POST /admin/attachments/{conversationId}</c> (X-Admin-Key): the dashboard's way to store what an agent sends.
/// </summary>
public static class AttachmentEndpoints
{
    public static void MapAttachments(this WebApplication app)
    {
        app.MapGet(AttachmentUrlSigner.PathPrefix + "{conversationId}/{attachmentId}/{variant}", FetchAsync).LimitedAs(TrafficPolicies.Reads);
        app.MapPost("/admin/attachments/{conversationId}", AgentUploadAsync).AddEndpointFilter(KnowledgeAdminEndpoints.RequireAdminKey).DisableAntiforgery();
        app.MapPost("/v3/directline/conversations/{conversationId}/upload", DirectLineUpload.UploadAsync).LimitedAs(TrafficPolicies.Posts).DisableAntiforgery();
    }

    private static async Task<IResult> FetchAsync(
        string conversationId, string attachmentId, string variant, string? e, string? s, HttpContext http,
        AttachmentLinks links, AttachmentStore store, DirectLineTokenService tokens, TimeProvider clock)
    {
        if (variant is not (AttachmentVariants.File or AttachmentVariants.Thumbnail) || !AttachmentStore.IsValidId(attachmentId))
            return DirectLineErrors.Error(404, "BadArgument", "Attachment not found.");
        if (s is not null || e is not null)
        {
            if (!links.Signer.IsValid(conversationId, attachmentId, variant, e, s, clock.GetUtcNow()))
                return long.TryParse(e, out var expires) && clock.GetUtcNow().ToUnixTimeSeconds() >= expires
                    ? DirectLineErrors.Error(403, "TokenExpired", "This attachment link has expired.")
                    : DirectLineErrors.Error(403, "TokenInvalid", "This attachment link is not valid.");
        }
        else
        {
            var (caller, error) = DirectLineEndpoints.Authenticate(http, tokens);
            if (error is not null) return error;
            if (DirectLineEndpoints.CheckScope(caller!, conversationId) is { } scopeError) return scopeError;
        }

        var record = await store.FindAsync(conversationId, attachmentId);
        if (record is null || (variant == AttachmentVariants.Thumbnail && !record.HasThumbnail))
            return DirectLineErrors.Error(404, "BadArgument", "Attachment not found.");
        var content = await store.OpenAsync(conversationId, attachmentId, variant, http.RequestAborted);
        if (content is null) return DirectLineErrors.Error(404, "BadArgument", "Attachment not found.");

        var headers = http.Response.Headers;
        headers["X-Content-Type-Options"] = "nosniff";
        headers["Content-Security-Policy"] = "default-src 'none'; sandbox";
        headers.CacheControl = "private, max-age=300";
        var contentType = variant == AttachmentVariants.Thumbnail ? "image/jpeg" : record.ContentType;
        // Pictures open in the browser; anything else is downloaded, never rendered in the bot's origin.
        var inline = contentType.StartsWith("image/", StringComparison.Ordinal);
        var disposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(record.Name);
        headers.ContentDisposition = disposition.ToString();
        return Results.Stream(content, contentType);
    }

    /// <summary>An agent's file, checked exactly as a shopper's; answers the stored attachment for the AgentReplied event.</summary>
    private static async Task<IResult> AgentUploadAsync(string conversationId, HttpRequest request, AttachmentInspector inspector,
        AttachmentStore store, Microsoft.Extensions.Options.IOptions<AttachmentOptions> options, CancellationToken ct)
    {
        if (!request.HasFormContentType) return Results.Json(new { error = new { code = "BadArgument", message = "multipart/form-data expected" } }, statusCode: 400);
        var form = await request.ReadFormAsync(ct);
        var file = form.Files.FirstOrDefault();
        if (file is null) return Results.Json(new { error = new { code = "BadArgument", message = "no file" } }, statusCode: 400);
        if (file.Length > options.Value.MaxFileBytes)
            return Results.Json(new { error = new { code = "MessageSizeTooBig", message = $"larger than {options.Value.MaxFileBytes} bytes" } }, statusCode: 413);
        var bytes = new byte[file.Length];
        await using (var read = file.OpenReadStream()) await read.ReadExactlyAsync(bytes, ct);
        var check = inspector.Check(file.FileName, file.ContentType, bytes);
        if (!check.Accepted)
            return Results.Json(new { error = new { code = check.Problem.ToString(), message = check.Detail } },
                statusCode: check.Problem is AttachmentProblem.TooLarge ? 413 : check.Problem is AttachmentProblem.UnsupportedType or AttachmentProblem.ContentMismatch ? 415 : 400);
        var saved = await store.SaveAsync(conversationId, check.File!, "agent", ct);
        await store.ScheduleSweepAsync(conversationId);
        return Results.Json(saved);
    }
}
