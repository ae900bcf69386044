using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.HandoffDashboard.Conversations;

namespace ChatSupport.HandoffDashboard.Intake;

/// <summary>
/// The after-sales intake summary pinned at the top of the agent's chat: reason, order card, the problem in the shopper's
/// words, photos. Who may see it is who may see the chat (ConversationAccess, as the transcript); 404 when the bot
/// handed the chat over without an intake (complaints, requests for a person).
/// </summary>
public static class IntakeEndpoints
{
    public static void AddIntakeSummaries(this WebApplicationBuilder builder) => builder.Services.AddSingleton<IntakeSummaryReader>();

    public static void MapIntakeSummaries(this WebApplication app) =>
        app.MapGet("/api/conversations/{id}/intake", GetAsync).WithTags("Intake");

    private static async Task<IResult> GetAsync(string id, SignedInAgent user, ConversationStore store, IntakeSummaryReader intake,
        Attachments.TranscriptAttachmentLinks links)
    {
        var conversation = await store.GetAsync(id);
        if (conversation is null) return Results.Problem(title: "会话不存在。", statusCode: StatusCodes.Status404NotFound);
        if (!ConversationAccess.CanView(user, conversation))
            return Results.Problem(title: "无权查看此会话：只能查看排队中的会话和自己负责的会话。", statusCode: StatusCodes.Status403Forbidden);
        return await intake.ReadAsync(id) is { } summary
            ? Results.Json(links.Sign(summary), IntakeJson.Options)
            : Results.Problem(title: "这次转人工没有售后信息汇总。", statusCode: StatusCodes.Status404NotFound);
    }
}

internal static class IntakeJson
{
    public static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
