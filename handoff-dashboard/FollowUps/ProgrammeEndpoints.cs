using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.HandoffDashboard.Conversations;
using ChatSupport.HandoffDashboard.Reports;
using Microsoft.Extensions.Options;

namespace ChatSupport.HandoffDashboard.FollowUps;

/// <summary>Follow-up programmes (回访计划): supervisors start one for a group and read its summary report; agents record results on the follow-ups.</summary>
public static class ProgrammeEndpoints
{
    public static void MapFollowUpProgrammes(this WebApplication app)
    {
        var group = app.MapGroup("/api/follow-up-programmes").WithTags("FollowUps").RequireAuthorization(DashboardRoles.SupervisorPolicy);
        group.MapPost("/", CreateAsync).WithSummary("Starts a programme for a group (members [memberLevel], shoppers of from..to, complainants whose complaint closed in from..to): one follow-up per customer, due within three days, given to the customer's agent or by the balance rule. Supervisors.");
        group.MapGet("/", async (ProgrammeStore store) => Results.Ok(await store.RecentAsync(100))).WithSummary("Recent programmes. Supervisors.");
        group.MapGet("/{id}/report", ReportAsync).WithSummary("Summary: reached, outcomes (满意 / 一般 / 不满意), per agent, and every customer's result and what was said. ?format=csv for CSV. Supervisors.");
    }

    private static async Task<IResult> CreateAsync(CreateProgrammeRequest request, SignedInAgent user, ProgrammeLauncher launcher, TimeProvider clock,
        IOptions<ReportsOptions> reports)
    {
        var errors = new Dictionary<string, string[]>();
        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0) errors["name"] = ["请填写回访计划名称。"];
        else if (name.Length > 100) errors["name"] = ["名称最多 100 个字。"];
        var groupName = request.Group?.Trim() ?? "";
        if (!ProgrammeGroups.All.Contains(groupName)) errors["group"] = ["请选择回访对象：members（会员）、shoppers（某段时间下单的顾客）或 complainants（投诉已结案的顾客）。"];
        var subject = string.IsNullOrWhiteSpace(request.Subject) ? "回访：" + name : request.Subject.Trim();
        if (subject.Length > 200) errors["subject"] = ["回访事项最多 200 个字。"];
        var memberLevel = string.IsNullOrWhiteSpace(request.MemberLevel) ? null : request.MemberLevel.Trim();
        var now = clock.GetUtcNow();
        DayRange? period = null;
        if (groupName is ProgrammeGroups.Shoppers or ProgrammeGroups.Complainants)
        {
            if (DayRange.TryParse(request.From, request.To, DateOnly.FromDateTime(now.UtcDateTime), 7, reports.Value.MaxDays, out var range, out var error)) period = range;
            else errors["from"] = [error!];
        }
        if (errors.Count > 0) return Results.ValidationProblem(errors, title: errors.Values.First()[0]);

        var customers = await launcher.GroupAsync(groupName, memberLevel, period, now);
        if (customers.Count == 0) return Results.Problem(title: "这个范围内没有符合条件的顾客，没有创建回访计划。", statusCode: StatusCodes.Status422UnprocessableEntity);
        if (customers.Count > ProgrammeLauncher.MaxCustomers)
            return Results.Problem(title: $"一次最多 {ProgrammeLauncher.MaxCustomers} 位顾客（当前 {customers.Count} 位），请缩小范围。", statusCode: StatusCodes.Status422UnprocessableEntity);
        var me = user;
        var programme = await launcher.StartAsync(name, groupName, memberLevel, period, subject, customers, me.Id, me.Name, now);
        return Results.Created($"/api/follow-up-programmes/{programme.Id}/report", programme);
    }

    private static async Task<IResult> ReportAsync(string id, string? format, ProgrammeStore store, ProgrammeLauncher launcher, TimeProvider clock)
    {
        var programme = await store.GetAsync(id);
        if (programme is null) return Results.Problem(title: "没有这个回访计划。", statusCode: StatusCodes.Status404NotFound);
        var report = await launcher.ReportAsync(programme, clock.GetUtcNow());
        return format switch
        {
            null or "" or "json" => Results.Ok(report),
            "csv" => ProgrammeLauncher.Csv(report).ToResult($"follow-up-programme-{programme.Id}.csv"),
            _ => Results.Problem(title: "format 应为 json 或 csv。", statusCode: StatusCodes.Status400BadRequest),
        };
    }
}
