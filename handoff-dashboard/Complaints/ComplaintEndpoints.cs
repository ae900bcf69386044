using Microsoft.Extensions.DependencyInjection.Extensions;
using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.HandoffDashboard.Conversations;
using ChatSupport.HandoffDashboard.Reports;

namespace ChatSupport.HandoffDashboard.Complaints;

public sealed record CategoryListRequest(IReadOnlyList<string?>? Categories);

public static class ComplaintEndpoints
{
    public static void AddComplaints(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ComplaintStore>();
        builder.Services.AddSingleton<ComplaintCategoryStore>();
        builder.Services.AddSingleton<IComplaintFigures, ComplaintFigures>();
        builder.Services.AddSingleton<ComplaintPrefill>();
        builder.Services.AddSingleton<ComplaintService>();
        builder.Services.AddSingleton<ComplaintEvidence>();
        builder.Services.AddOptions<ComplaintOptions>()
            .Bind(builder.Configuration.GetSection(ComplaintOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ComplaintRetention>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ComplaintRetention>());
        builder.Services.TryAddSingleton(TimeProvider.System);
    }

    public static void MapComplaints(this WebApplication app)
    {
        var group = app.MapGroup("/api/complaints").WithTags("Complaints");

        group.MapGet("/", async (string? from, string? to, string? state, string? category, string? format, SignedInAgent user, ComplaintStore store,
            ConversationStore conversations, ComplaintEvidence evidence, TimeProvider clock) =>
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            if (!DayRange.TryParse(from, to, today, 30, 3660, out var range, out var error))
                return Results.Problem(title: error, statusCode: StatusCodes.Status400BadRequest);
            if (format is not (null or "" or "json" or "csv"))
                return Results.Problem(title: "format 应为 json 或 csv。", statusCode: StatusCodes.Status400BadRequest);
            var list = await store.ListOpenedBetweenAsync(range.Start, range.End, 500);
            var visible = await WithoutUnseenExcerptsAsync(list
                .Where(c => string.IsNullOrEmpty(state) || c.State == state)
                .Where(c => string.IsNullOrEmpty(category) || c.Category == category)
                .ToList(), user, conversations);
            return format == "csv"
                ? ComplaintCsv.Of(visible).ToResult($"complaint-list-{range.From:yyyyMMdd}-{range.To:yyyyMMdd}.csv")
                : Results.Ok(visible.Select(evidence.Sign).ToList());
        }).WithSummary("Complaints opened in a day range (default: the last 30 days), newest first; chat files with fresh signed URLs. " +
                       "&format=csv: one row per complaint, its files by name (no links: they would expire).");

        group.MapPost("/", async (OpenComplaintRequest request, SignedInAgent user, ComplaintService complaints, ConversationGate gate) =>
        {
            // Prefilling copies the chat's last lines and the shopper's details: only for a chat the caller may read.
            if (!string.IsNullOrWhiteSpace(request.ConversationId))
            {
                var (visibility, _) = await gate.CheckAsync(user, request.ConversationId.Trim());
                if (visibility == ConversationVisibility.Denied)
                    return Results.Problem(title: "无权查看此会话，不能据此登记投诉。", statusCode: StatusCodes.Status403Forbidden);
                if (visibility == ConversationVisibility.NotFound && !ConversationAccess.CanViewUnowned(user))
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["conversationId"] = ["找不到这个会话。"] },
                        title: "投诉登记不完整。");
            }
            var (detail, errors) = await complaints.OpenAsync(request, user);
            return detail is null
                ? Results.ValidationProblem(errors!, title: "投诉登记不完整。")
                : Results.Created($"/api/complaints/{detail.Complaint.Id}", detail);
        }).WithSummary("Registers a complaint; with conversationId it is prefilled from the chat.");

        group.MapGet("/categories", async (ComplaintCategoryStore categories) => Results.Ok(await categories.ListAsync()))
            .WithSummary("The complaint category list.");

        group.MapPut("/categories", async (CategoryListRequest request, ComplaintCategoryStore categories) =>
        {
            var (list, error) = ComplaintCategoryStore.Normalise(request.Categories);
            if (list is null) return Results.ValidationProblem(new Dictionary<string, string[]> { ["categories"] = [error!] });
            await categories.SaveAsync(list);
            return Results.Ok(list);
        }).RequireAuthorization(DashboardRoles.SupervisorPolicy).WithSummary("Replaces the category list (supervisors).");

        group.MapGet("/{id}", async (string id, SignedInAgent user, ComplaintService complaints, ConversationStore conversations, ComplaintEvidence evidence) =>
            await complaints.DetailAsync(id, user) is { } detail
                ? Results.Ok(detail with { Complaint = evidence.Sign((await WithoutUnseenExcerptsAsync([detail.Complaint], user, conversations))[0]) })
                : Results.Problem(title: "没有这条投诉。", statusCode: StatusCodes.Status404NotFound))
            .WithSummary("One complaint with its history and the steps the caller may take next; the chat lines' files carry fresh signed URLs " +
                         "(only for callers who may see the chat lines).");

        group.MapDelete("/{id}", async (string id, ComplaintStore store, ComplaintService complaints) =>
            await store.GetAsync(id) is { } complaint && await complaints.DeleteAsync(complaint)
                ? Results.NoContent()
                : Results.Problem(title: "没有这条投诉。", statusCode: StatusCodes.Status404NotFound))
            .RequireAuthorization(DashboardRoles.SupervisorPolicy)
            .WithSummary("Deletes a complaint with its history; the chat files it kept as evidence are deleted unless their chat or another complaint still holds them (supervisors).");

        group.MapPost("/{id}/transitions", async (string id, ComplaintTransitionRequest request, SignedInAgent user, ComplaintService complaints) =>
        {
            var outcome = await complaints.TransitionAsync(id, request, user);
            return outcome.Check.Verdict switch
            {
                TransitionVerdict.Ok => Results.Ok(outcome.Detail),
                TransitionVerdict.Invalid => Results.ValidationProblem(outcome.Check.Errors!, title: outcome.Check.Reason),
                TransitionVerdict.NotInFlow when outcome.NotFound =>
                    Results.Problem(title: outcome.Check.Reason, statusCode: StatusCodes.Status404NotFound),
                TransitionVerdict.NotInFlow => Results.Problem(title: outcome.Check.Reason, statusCode: StatusCodes.Status409Conflict),
                _ => Results.Problem(title: outcome.Check.Reason, statusCode: StatusCodes.Status403Forbidden),
            };
        })
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .WithSummary("Moves a complaint to its next state with that step's fields (409: not in the flow; 403: role may not).");
    }

    /// <summary>
    /// Complaints keep the chat lines they were registered with, and their files; an agent who may not read that chat
    /// (ConversationAccess) gets the complaint without them (so no signed URL of its files), everything else unchanged.
    /// </summary>
    private static async Task<IReadOnlyList<Complaint>> WithoutUnseenExcerptsAsync(
        IReadOnlyList<Complaint> complaints, SignedInAgent user, ConversationStore conversations)
    {
        if (user.IsSupervisor) return complaints;
        var ids = complaints.Where(c => c.ConversationId is not null && c.TranscriptExcerpt.Count > 0).Select(c => c.ConversationId!).Distinct().ToList();
        var chats = (await conversations.GetManyAsync(ids)).ToDictionary(c => c.Id);
        return complaints.Select(c =>
            c.TranscriptExcerpt.Count == 0 || ConversationAccess.CanSeeComplaintExcerpt(user, c.OpenedBy, c.ConversationId is null ? null : chats.GetValueOrDefault(c.ConversationId))
                ? c
                : c with { TranscriptExcerpt = [] }).ToList();
    }
}

