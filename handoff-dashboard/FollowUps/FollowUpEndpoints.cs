using System.Security.Claims;
using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.HandoffDashboard.Complaints;
using ChatSupport.HandoffDashboard.Reports;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatSupport.HandoffDashboard.FollowUps;

public static class FollowUpEndpoints
{
    public static void AddFollowUps(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FollowUpOptions>()
            .Bind(builder.Configuration.GetSection(FollowUpOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<FollowUpStore>();
        builder.Services.AddSingleton<IFollowUpFigures, FollowUpFigures>();
        builder.Services.AddSingleton<Customers.ICustomerFollowUps, CustomerFollowUps>();
        builder.Services.AddSingleton<IHandoffEventSink, CaseIntake>();
        builder.Services.AddSingleton<ProgrammeStore>();
        builder.Services.AddSingleton<ProgrammeLauncher>();
    }

    public static void MapFollowUps(this WebApplication app)
    {
        app.MapFollowUpProgrammes();
        var group = app.MapGroup("/api/follow-ups").WithTags("FollowUps");

        group.MapGet("/", async (bool? overdue, string? kind, string? status, string? owner, SignedInAgent user, FollowUpStore store, TimeProvider clock) =>
        {
            var me = user;
            var now = clock.GetUtcNow();
            IReadOnlyList<FollowUp> items;
            if (status is null or "open") items = await store.OpenAsync(now, overdue == true ? now : null);
            else if (status == "done")
                items = (await store.CreatedBetweenAsync(now.AddDays(-30), now.AddDays(1), now)).Where(f => f.Status == "done").ToList();
            else return Results.Problem(title: "status 应为 open 或 done。", statusCode: StatusCodes.Status400BadRequest);

            var visible = items
                .Where(f => me.IsSupervisor || f.Owner is null || f.Owner == me.Id)
                .Where(f => string.IsNullOrEmpty(owner) || f.Owner == owner)
                .Where(f => string.IsNullOrEmpty(kind) || f.Kind == kind)
                .Where(f => overdue != true || f.Overdue)
                .ToList();
            return Results.Ok(visible);
        }).WithSummary("Open follow-ups and cases (?overdue=true: past due). Agents see their own and unowned cases; supervisors all.");

        group.MapPost("/", async (CreateFollowUpRequest request, SignedInAgent user, FollowUpStore store, RedisUserStore users,
            TimeProvider clock, Microsoft.Extensions.Options.IOptions<FollowUpOptions> options) =>
        {
            var me = user;
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(request.Subject)) errors["subject"] = ["请填写回访事项。"];
            else if (request.Subject.Length > 200) errors["subject"] = ["回访事项最多 200 字。"];
            if (request.Notes?.Length > 4000) errors["notes"] = ["备注最多 4000 字。"];
            var now = clock.GetUtcNow();
            var due = request.DueAt ?? now + options.Value.DueAfter;
            if (request.DueAt is { } d && d < now.AddMinutes(-1)) errors["dueAt"] = ["到期时间不能早于现在。"];
            string ownerId = me.Id, ownerName = me.Name;
            if (!string.IsNullOrWhiteSpace(request.Owner) && RedisUserStore.IdFor(request.Owner) != me.Id)
            {
                if (!me.IsSupervisor)
                    return Results.Problem(title: "只有主管可以把回访分配给其他人。", statusCode: StatusCodes.Status403Forbidden);
                var owner = await users.FindAsync(request.Owner);
                if (owner is null) errors["owner"] = ["没有这个客服。"];
                else (ownerId, ownerName) = (owner.Id, owner.DisplayName);
            }
            if (errors.Count > 0) return Results.ValidationProblem(errors, title: "回访信息不完整。");

            var item = new FollowUp
            {
                Id = await store.NextIdAsync(),
                Kind = FollowUpKinds.FollowUp,
                Subject = request.Subject!.Trim(),
                CustomerName = request.CustomerName?.Trim(),
                Contact = request.Contact?.Trim(),
                ConversationId = request.ConversationId?.Trim(),
                ComplaintId = request.ComplaintId?.Trim(),
                Owner = ownerId,
                OwnerName = ownerName,
                DueAt = due,
                CreatedAt = now,
                CreatedBy = me.Id,
                Status = "open",
                Notes = request.Notes?.Trim(),
            };
            await store.TryCreateAsync(item);
            return Results.Created($"/api/follow-ups/{item.Id}", await store.GetAsync(item.Id, now));
        }).WithSummary("Schedules a follow-up (回访), due in three days unless dueAt is given.");

        group.MapPost("/{id}/claim", async (string id, SignedInAgent user, FollowUpStore store, TimeProvider clock) =>
        {
            var me = user;
            return await store.ClaimAsync(id, me.Id, me.Name) switch
            {
                null => Results.Problem(title: "没有这条记录。", statusCode: StatusCodes.Status404NotFound),
                false => Results.Problem(title: "这条记录已由其他客服负责或已完成。", statusCode: StatusCodes.Status409Conflict),
                true => Results.Ok(await store.GetAsync(id, clock.GetUtcNow())),
            };
        }).WithSummary("Takes an unowned case.");

        group.MapPost("/{id}/result", async (string id, FollowUpResultRequest request, SignedInAgent user, FollowUpStore store, TimeProvider clock) =>
        {
            var me = user;
            var now = clock.GetUtcNow();
            var result = request.Result?.Trim();
            if (result is null || !FollowUpResults.All.Contains(result))
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["result"] = ["请选择：满意、一般或不满意。"] });
            if (request.Notes?.Length > 4000)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["notes"] = ["备注最多 4000 字。"] });
            var item = await store.GetAsync(id, now);
            if (item is null) return Results.Problem(title: "没有这条记录。", statusCode: StatusCodes.Status404NotFound);
            if (item.Owner is not null && item.Owner != me.Id && !me.IsSupervisor)
                return Results.Problem(title: "这条记录由其他客服负责。", statusCode: StatusCodes.Status403Forbidden);
            return await store.CompleteAsync(id, result, request.Notes?.Trim(), me.Id, me.Name, now) switch
            {
                FollowUpStore.CompleteOutcome.Done => Results.Ok(await store.GetAsync(id, now)),
                FollowUpStore.CompleteOutcome.AlreadyDone => Results.Problem(title: "这条记录已经完成。", statusCode: StatusCodes.Status409Conflict),
                _ => Results.Problem(title: "没有这条记录。", statusCode: StatusCodes.Status404NotFound),
            };
        }).WithSummary("Records the result (满意 / 一般 / 不满意 + notes) and closes the follow-up or case.");
    }
}
