using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.HandoffDashboard.Conversations;

namespace ChatSupport.HandoffDashboard.Notes;

/// <summary>Private notes on a chat: whoever may view the chat (<see cref="ConversationAccess"/>) reads and adds them.</summary>
public static class NoteEndpoints
{
    public const int MaxNoteLength = 2000;

    public static void MapNotes(this WebApplication app)
    {
        var api = app.MapGroup("/api/conversations/{id}/notes").WithTags("Notes").RequireAuthorization();
        api.MapGet("", ListAsync);
        api.MapPost("", AddAsync);
    }

    private static async Task<IResult> ListAsync(string id, SignedInAgent user, ConversationGate gate, NoteStore notes)
    {
        var denied = await DeniedAsync(id, user, gate);
        return denied ?? Results.Ok(await notes.ListAsync(id));
    }

    private static async Task<IResult> AddAsync(string id, AddNoteRequest request, SignedInAgent user, ConversationGate gate,
        NoteStore notes, ConversationChangeNotice notice)
    {
        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(text)) return Invalid("备注内容不能为空。");
        if (text.Length > MaxNoteLength) return Invalid($"备注过长（最多 {MaxNoteLength} 个字，当前 {text.Length} 个字）。");
        var denied = await DeniedAsync(id, user, gate);
        if (denied is not null) return denied;
        var me = user;
        var note = await notes.AddAsync(id, me.Id, me.Name, text);
        await notice.ChangedAsync(id);
        return Results.Created($"/api/conversations/{Uri.EscapeDataString(id)}/notes", note);
    }

    private static async Task<IResult?> DeniedAsync(string id, SignedInAgent user, ConversationGate gate)
    {
        var (visibility, _) = await gate.CheckAsync(user, id);
        return visibility switch
        {
            ConversationVisibility.Visible => null,
            ConversationVisibility.NotFound => Results.Problem(title: "会话不存在。", statusCode: StatusCodes.Status404NotFound),
            _ => Results.Problem(title: "无权查看此会话：只能查看排队中的会话和自己负责的会话。", statusCode: StatusCodes.Status403Forbidden),
        };
    }

    private static IResult Invalid(string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [message] }, title: message);
}
