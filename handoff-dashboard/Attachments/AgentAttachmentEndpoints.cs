using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Agents;
using ChatSupport.HandoffDashboard.Conversations;

namespace ChatSupport.HandoffDashboard.Attachments;

/// <summary>
/// <c>POST /api/conversations/{id}/attachments</c> (multipart: <c>file</c>, or <c>cannedReplyId</c> for the file a canned reply carries;
/// optional <c>text</c> and <c>clientMessageId</c>): the chat's owner sends a picture or a PDF. The bot checks and stores it; the message
/// then goes out on the to-bot stream like any reply.
/// </summary>
public static class AgentAttachmentEndpoints
{
    public static void MapAgentAttachments(this WebApplication app) =>
        app.MapPost("/api/conversations/{id}/attachments", SendFileAsync).WithTags("Conversations");

    private static IResult Problem(int status, string title) => Results.Problem(title: title, statusCode: status);

    private static async Task<IResult> SendFileAsync(string id, HttpRequest request, SignedInAgent user, ConversationStore store,
        ConversationAssignment assignment, BotAttachmentClient bot, CannedReplies.RedisCannedReplyStore cannedReplies,
        CannedReplies.CannedReplyFiles cannedFiles, CancellationToken ct)
    {
        if (!request.HasFormContentType) return Problem(400, "请选择要发送的文件。");
        var form = await request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file");
        var cannedReplyId = form["cannedReplyId"].ToString();
        if ((file is null || file.Length == 0) && cannedReplyId.Length == 0) return Problem(400, "请选择要发送的文件。");
        var text = form["text"].ToString();
        if (text.Length > 2000) return Problem(400, "消息过长（最多 2000 个字）。");
        var clientMessageId = form["clientMessageId"].ToString() is { Length: > 0 and <= 100 } given ? given : Guid.NewGuid().ToString("N");

        var conversation = await store.GetAsync(id);
        if (conversation is null) return Problem(404, "会话不存在。");
        if (conversation.Assignee != user.Id || conversation.Status != ConversationStatus.WithAgent)
            return conversation.Assignee == user.Id
                ? Problem(409, "会话已不在人工服务中，文件未发送。")
                : Problem(403, "只有负责该会话的客服可以发送文件。");

        string fileName, contentType;
        Stream content;
        if (file is { Length: > 0 })
        {
            (fileName, contentType, content) = (file.FileName, file.ContentType, file.OpenReadStream());
        }
        else
        {
            // A canned reply's file (a size chart, a return label): only one the agent may use, and only while it still has one.
            var canned = await cannedReplies.FindAsync(cannedReplyId, ct);
            if (canned is null || !canned.IsVisibleTo(user.Id) || canned.Attachment is null || await cannedFiles.LoadAsync(canned.Id) is not { } bytes)
                return Problem(404, "这条话术的附件已不存在，请刷新后重试。");
            (fileName, contentType, content) = (canned.Attachment.Name, canned.Attachment.ContentType, new MemoryStream(bytes));
        }
        AgentUploadResult stored;
        await using (content) stored = await bot.UploadAsync(id, fileName, contentType, content, ct);
        if (stored.Attachment is null)
            return stored.Status switch
            {
                413 => Problem(413, "文件太大，无法发送（每个文件最大 10 MB）。"),
                415 => Problem(415, "只能发送图片（JPG、PNG、WebP、HEIC）或 PDF，且文件内容要与扩展名一致。"),
                400 => Problem(400, "文件已损坏，无法打开。"),
                _ => Problem(502, "文件暂时无法保存，请稍后再试。"),
            };
        var outcome = await assignment.ReplyAsync(id, AgentRef.Of(user), text, clientMessageId, ct, [stored.Attachment]);
        return outcome switch
        {
            AssignmentOutcome.Done or AssignmentOutcome.Duplicate => Results.Accepted(value: new { clientMessageId, attachment = stored.Attachment }),
            AssignmentOutcome.NotFound => Problem(404, "会话不存在。"),
            _ => Problem(409, "会话已不在人工服务中，文件未发送。"),
        };
    }
}
