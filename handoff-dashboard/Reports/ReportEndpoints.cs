using ChatSupport.HandoffDashboard.Auth;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatSupport.HandoffDashboard.Reports;

public static class ReportEndpoints
{
    public static void AddReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReportsOptions>()
            .Bind(builder.Configuration.GetSection(ReportsOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IHandoffEventSink, ReportIndexer>();
        builder.Services.AddSingleton<AgentReportQuery>();
        builder.Services.AddSingleton<BotReportQuery>();
        builder.Services.AddSingleton<ComplaintReportQuery>();
        builder.Services.TryAddSingleton<OpenChatsIndex>();
        builder.Services.AddHostedService<HandoffStreamIngest>();
    }

    public static void MapReports(this WebApplication app)
    {
        var group = app.MapGroup("/api/reports").WithTags("Reports");

        group.MapGet("/agents", async (string? from, string? to, string? agent, string? format, SignedInAgent user,
            AgentReportQuery query, TimeProvider clock, IOptions<ReportsOptions> options) =>
        {
            if (!TryRange(from, to, clock, options.Value, out var range, out var bad)) return bad!;
            var isSupervisor = user.IsSupervisor;
            var me = user.Id;
            // Agents see their own figures only, whatever they ask for.
            var only = isSupervisor ? (string.IsNullOrWhiteSpace(agent) ? null : agent.Trim()) : me;
            var report = await query.RunAsync(range, only);
            return format == "csv" ? AgentCsv(report).ToResult($"agents-{range.From:yyyyMMdd}-{range.To:yyyyMMdd}.csv") : Results.Ok(report);
        }).WithSummary("Per agent and day: chats handled, first/average response, resolution time, satisfaction, forbidden-phrase warnings. Agents get their own rows. &format=csv for CSV.");

        group.MapGet("/complaints", async (string? from, string? to, string? format, ComplaintReportQuery query,
            TimeProvider clock, IOptions<ReportsOptions> options) =>
        {
            if (!TryRange(from, to, clock, options.Value, out var range, out var bad)) return bad!;
            var report = await query.RunAsync(range);
            return format == "csv" ? ComplaintCsv(report).ToResult($"complaints-{range.From:yyyyMMdd}-{range.To:yyyyMMdd}.csv") : Results.Ok(report);
        }).RequireAuthorization(DashboardRoles.SupervisorPolicy)
          .WithSummary("Complaint classification table (category × current state, opened in the range) and follow-ups done on time. &format=csv for CSV.");

        group.MapGet("/bot", async (string? from, string? to, string? format, BotReportQuery query,
            TimeProvider clock, IOptions<ReportsOptions> options) =>
        {
            if (!TryRange(from, to, clock, options.Value, out var range, out var bad)) return bad!;
            var report = await query.RunAsync(range);
            return format == "csv" ? BotCsv(report).ToResult($"bot-{range.From:yyyyMMdd}-{range.To:yyyyMMdd}.csv") : Results.Ok(report);
        }).RequireAuthorization(DashboardRoles.SupervisorPolicy)
          .WithSummary("Bot containment rate and handoffs by reason per day. &format=csv for CSV.");
    }

    private static bool TryRange(string? from, string? to, TimeProvider clock, ReportsOptions options, out DayRange range, out IResult? bad)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (DayRange.TryParse(from, to, today, 7, options.MaxDays, out range, out var error))
        {
            bad = null;
            return true;
        }
        bad = Results.Problem(title: error, statusCode: StatusCodes.Status400BadRequest);
        return false;
    }

    internal static CsvTable AgentCsv(AgentReport report)
    {
        var csv = new CsvTable().Row("日期", "客服ID", "客服", "接待会话数", "首次响应(秒)", "首次响应次数", "平均响应(秒)", "响应次数",
            "平均解决时长(秒)", "已解决", "满意", "一般", "不满意", "满意率", "禁用语警告");
        foreach (var r in report.Days.Concat(report.Agents))
        {
            csv.Row(r.Day?.ToString("yyyy-MM-dd") ?? "合计", r.AgentId, r.AgentName, r.ChatsHandled, r.FirstResponseSeconds, r.FirstResponses,
                r.AverageResponseSeconds, r.Responses, r.ResolutionSeconds, r.Resolved, r.Satisfied, r.Neutral, r.Dissatisfied,
                r.SatisfactionRate, r.PhraseWarnings);
        }
        return csv;
    }

    internal static CsvTable ComplaintCsv(ComplaintReport report)
    {
        var csv = new CsvTable().Row(["类别", .. report.States, "合计"]);
        foreach (var r in report.Categories.Append(report.Total))
            csv.Row([r.Category, .. report.States.Select(s => (object)r.ByState[s]), r.Total]);
        csv.Row();
        csv.Row("日期", "完成回访/留言", "按时完成", "其中留言完成", "其中留言按时");
        foreach (var d in report.FollowUps) csv.Row(d.Day.ToString("yyyy-MM-dd"), d.Done, d.OnTime, d.CasesDone, d.CasesOnTime);
        return csv;
    }

    internal static CsvTable BotCsv(BotReport report)
    {
        var csv = new CsvTable().Row("日期", "会话数", "直接回答", "澄清", "兜底", "转人工", "转人工-售后", "转人工-投诉", "转人工-要求人工", "留言", "自助解决率");
        foreach (var r in report.Days.Append(report.Total))
        {
            csv.Row(r.Day?.ToString("yyyy-MM-dd") ?? "合计", r.Conversations, r.Answered, r.Clarified, r.Fallbacks, r.Handoffs,
                r.HandoffsAfterSales, r.HandoffsComplaint, r.HandoffsHuman, r.Cases, r.ContainmentRate);
        }
        return csv;
    }
}
