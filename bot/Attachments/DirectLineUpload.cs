using System.Text.Json;
using ChatSupport.Bot.DirectLine;
using ChatSupport.Bot.Protocol;
using ChatSupport.Bot.Traffic;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.Attachments;

/// <summary>
/// <c>POST /v3/directline/conversations/{id}/upload?userId=</c>, as Web Chat and botframework-directlinejs send it: multipart
/// form data with a part named <c>activity</c> (application/vnd.microsoft.activity, the message without its files; browsers
/// send it as a file named "blob") and one part per file (named <c>file</c>). Every file is checked before anything is stored;
/// one bad file refuses the whole message with a Direct Line error and a line to the shopper saying what to do instead.
/// </summary>
public static class DirectLineUpload
{
    public const string ActivityPartName = "activity";

    public static async Task<IResult> UploadAsync(
        string conversationId, HttpContext http, DirectLineTokenService tokens, DirectLineConversationStore conversations,
        DirectLineChannel channel, AttachmentInspector inspector, AttachmentStore store, AttachmentLinks links,
        IOptions<AttachmentOptions> options, IOptions<DirectLineOptions> directLineOptions, ConversationRateLimiter rateLimiter,
        ConversationLimits limits, ILogger<AttachmentInspector> logger)
    {
        var (caller, error) = DirectLineEndpoints.Authenticate(http, tokens);
        if (error is not null) return error;
        if (DirectLineEndpoints.CheckScope(caller!, conversationId) is { } scopeError)
        {
            // Someone else's conversation: nothing is read or stored there; the caller's own chat hears why its file did not go.
            AttachmentLog.Refused(logger, conversationId, "WrongConversation", "token of another conversation");
            await channel.SayAsync(caller!.Token!.ConversationId, caller.Token.UserId, AttachmentWording.WrongConversation, http.Request);
            return scopeError;
        }
        var o = options.Value;
        var conversation = await conversations.FindAsync(conversationId);
        if (conversation is null) return DirectLineErrors.UnknownConversation();
        var userId = caller!.IsSecret ? http.Request.Query["userId"].ToString() is { Length: > 0 } given ? given : conversation.UserId : caller.Token!.UserId;

        async Task<IResult> RefuseAsync(AttachmentProblem problem, string detail)
        {
            AttachmentLog.Refused(logger, conversationId, problem.ToString(), detail);
            await channel.SayAsync(conversationId, userId, AttachmentWording.Refused(problem, o.MaxFileBytes, o.MaxFilesPerMessage), http.Request);
            var (status, code) = problem switch
            {
                AttachmentProblem.TooLarge or AttachmentProblem.TooMany => (StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig"),
                AttachmentProblem.UnsupportedType or AttachmentProblem.ContentMismatch => (StatusCodes.Status415UnsupportedMediaType, "BadArgument"),
                _ => (StatusCodes.Status400BadRequest, "BadArgument"),
            };
            return DirectLineErrors.Error(status, code, detail);
        }

        if (!http.Request.HasFormContentType || !(http.Request.ContentType?.Contains("multipart/form-data", StringComparison.OrdinalIgnoreCase) ?? false))
            return DirectLineErrors.Error(400, "BadArgument", "Upload expects multipart/form-data with an activity part and file parts.");

        using var lease = limits.Acquire(TrafficPolicies.Posts, conversationId);
        if (!lease.IsAcquired) return TrafficRegistration.TooManyRequests(http, TimeSpan.FromSeconds(1), "Too many requests in this conversation; slow down.");
        if (!rateLimiter.TryAcquire(conversationId))
            return TrafficRegistration.TooManyRequests(http, TimeSpan.FromSeconds(1), "Too many activities in this conversation; slow down.");

        // The whole body may hold every file at its largest plus the activity and multipart framing; past that it is not read.
        var bodyLimit = o.MaxFileBytes * o.MaxFilesPerMessage + directLineOptions.Value.MaxActivityBytes + 64 * 1024;
        if (http.Request.ContentLength > bodyLimit) return await RefuseAsync(AttachmentProblem.TooLarge, $"Upload is larger than {bodyLimit} bytes.");
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature) sizeFeature.MaxRequestBodySize = bodyLimit;

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new FormOptions
            {
                MultipartBodyLengthLimit = bodyLimit,
                ValueLengthLimit = directLineOptions.Value.MaxActivityBytes,
                ValueCountLimit = o.MaxFilesPerMessage + 4,
            }, http.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase) || ex is BadHttpRequestException { StatusCode: 413 }
                ? await RefuseAsync(AttachmentProblem.TooLarge, "Upload is larger than allowed.")
                : DirectLineErrors.Error(400, "BadArgument", "Upload is not valid multipart form data.");
        }

        var activity = await ReadActivityAsync(form, directLineOptions.Value.MaxActivityBytes, http.RequestAborted);
        if (activity is null) return DirectLineErrors.Error(400, "BadArgument", "Upload needs an activity part holding a message activity.");
        if (activity.Text is { } text && text.Length > directLineOptions.Value.MaxTextLength)
            return DirectLineErrors.Error(413, "MessageSizeTooBig", $"Message text is longer than {directLineOptions.Value.MaxTextLength} characters.");

        var files = form.Files.Where(f => f.Name != ActivityPartName).ToList();
        if (files.Count == 0) return await RefuseAsync(AttachmentProblem.Empty, "Upload carries no file.");
        if (files.Count > o.MaxFilesPerMessage) return await RefuseAsync(AttachmentProblem.TooMany, $"At most {o.MaxFilesPerMessage} files per message.");

        // Every file is checked before any is stored: a refused message leaves nothing behind.
        var checkedFiles = new List<CheckedFile>(files.Count);
        foreach (var file in files)
        {
            if (file.Length > o.MaxFileBytes) return await RefuseAsync(AttachmentProblem.TooLarge, $"{AttachmentInspector.CleanName(file.FileName)} is larger than {o.MaxFileBytes} bytes.");
            var bytes = new byte[file.Length];
            await using (var read = file.OpenReadStream()) await read.ReadExactlyAsync(bytes, http.RequestAborted);
            var check = inspector.Check(file.FileName, file.ContentType, bytes);
            if (!check.Accepted) return await RefuseAsync(check.Problem, check.Detail!);
            checkedFiles.Add(check.File!);
        }

        var baseUrl = AttachmentLinks.BaseUrl(http.Request);
        var attachments = new List<Attachment>(checkedFiles.Count);
        foreach (var file in checkedFiles)
        {
            var saved = await store.SaveAsync(conversationId, file, "customer", http.RequestAborted);
            attachments.Add(links.ToActivityAttachment(baseUrl, conversationId, saved));
        }
        await store.ScheduleSweepAsync(conversationId);
        AttachmentLog.Stored(logger, conversationId, attachments.Count);

        activity.Attachments = attachments;
        if (caller.Token?.UserName is { } vouchedName) activity.From = new ChannelAccount { Id = userId, Name = vouchedName };
        var result = await channel.ReceiveFromClientAsync(activity, conversationId, userId, http.Request, http.RequestAborted);
        if (result.UnknownConversation) return DirectLineErrors.UnknownConversation();
        return result.BotFailed
            ? DirectLineErrors.Error(502, "BotError", "The bot did not answer in time.")
            : Results.Json(new ResourceResponse(result.ActivityId), ProtocolJson.Options);
    }

    /// <summary>The activity part, sent as a form value or (by browsers, from a Blob) as a file named "blob".</summary>
    private static async Task<Activity?> ReadActivityAsync(IFormCollection form, int maxBytes, CancellationToken ct)
    {
        string? json = form.TryGetValue(ActivityPartName, out var value) ? value.ToString() : null;
        if (json is null && form.Files.GetFile(ActivityPartName) is { } part && part.Length <= maxBytes)
        {
            using var reader = new StreamReader(part.OpenReadStream());
            json = await reader.ReadToEndAsync(ct);
        }
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            var activity = JsonSerializer.Deserialize<Activity>(json, ProtocolJson.Options);
            if (activity is null) return null;
            activity.Type ??= ActivityTypes.Message;
            return activity.IsType(ActivityTypes.Message) ? activity : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
