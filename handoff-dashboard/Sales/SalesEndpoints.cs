using System.Text;
using System.Text.Json;
using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.HandoffDashboard.Conversations;
using ChatSupport.HandoffDashboard.Reports;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatSupport.HandoffDashboard.Sales;

/// <summary>
/// Sales figures: the store's signed order webhook, the backfill through the connector's list call, and the per-agent,
/// per-day sales report (接待人数, 转化率, 销售额, 客单价 against the store's average item price, response times, team averages).
/// </summary>
public static partial class SalesEndpoints
{
    private const int MaxBodyBytes = 256 * 1024;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void AddSales(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SalesOptions>().Bind(builder.Configuration.GetSection(SalesOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<StoreWebhookOptions>().BindConfiguration(StoreWebhookOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SalesLedger>();
        builder.Services.AddSingleton<SalesReportQuery>();
        builder.Services.AddSingleton<IHandoffEventSink, SalesIntake>();
        builder.Services.AddHttpClient<StoreOrderListClient>(c => c.Timeout = Timeout.InfiniteTimeSpan);
        builder.Services.AddOptions<DemoSalesOptions>().BindConfiguration(DemoSalesOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<DemoSalesSeeder>();
    }

    public static void MapSales(this WebApplication app)
    {
        app.MapPost("/api/store/orders", ReceiveOrderAsync).AllowAnonymous().DisableAntiforgery().WithTags("Sales")
            .WithSummary("The store's webhook for a paid order (orderId, shopperId, paidAt, amount in yuan, items). Signed: X-Store-Timestamp (Unix seconds) and X-Store-Signature = hex HMAC-SHA256(Store:OrderWebhookKey, formerly Store:SigningKey, timestamp\\nPOST\\npath\\nbody); outside ±Store:SignatureToleranceSeconds 401, a replayed signature 409, a resent order is counted once.");
        app.MapPost("/api/store/orders/backfill", BackfillAsync).RequireAuthorization(DashboardRoles.SupervisorPolicy).WithTags("Sales")
            .WithSummary("Reads the paid orders of the days from..to through the store connector's list call and counts those not yet counted. Supervisors.");
        app.MapGet("/api/reports/sales", ReportAsync).WithTags("Reports")
            .WithSummary("Sales per agent and day: 接待人数, 下单人数, 转化率, 销售额, 客单价 and its ratio to the store's average item price, average and first response time, with team rows and each agent against the team.")
            .WithDescription("By default (detail=agent) the shape the reports page draws: `agents` (each agent's totals over the range, against the team), `team`, " +
                             "`teamDays` (the team per day), `storeDays` and `store`; no per-agent-day rows. `&detail=day` adds `days`, one row per agent and day; " +
                             "`&agent={id}` gives that agent's `agents` row and `days` (supervisors; an agent always gets their own figures and the team's). " +
                             "`&format=csv` is always complete: every agent-day row, the team's days, the agents' totals and the team.");
    }

    private static async Task<IResult> ReceiveOrderAsync(HttpRequest request, SalesLedger ledger, IOptions<StoreWebhookOptions> options, TimeProvider clock, ILoggerFactory logs)
    {
        var o = options.Value;
        if (string.IsNullOrEmpty(o.EffectiveKey)) return Problem(StatusCodes.Status503ServiceUnavailable, "dashboard has no Store:OrderWebhookKey (or Store:SigningKey); order webhook disabled.");
        if (request.ContentLength > MaxBodyBytes) return Problem(StatusCodes.Status413PayloadTooLarge, "body too large (max 256 KB).");
        var body = await ReadBodyAsync(request);
        if (body is null) return Problem(StatusCodes.Status413PayloadTooLarge, "body too large (max 256 KB).");

        var signature = request.Headers[WebhookSignature.SignatureHeader].ToString();
        var verdict = WebhookSignature.Check(o.EffectiveKey, request.Headers[WebhookSignature.TimestampHeader], signature,
            request.PathBase + request.Path, body, clock.GetUtcNow(), o.SignatureToleranceSeconds);
        if (verdict != WebhookSignature.Verdict.Valid)
        {
            Log.WebhookRefused(logs.CreateLogger("ChatSupport.Sales"), verdict.ToString());
            return Problem(StatusCodes.Status401Unauthorized, verdict == WebhookSignature.Verdict.Stale
                ? "timestamp outside the allowed window." : "missing or wrong signature.");
        }
        if (!await ledger.FirstUseAsync(signature.ToLowerInvariant(), TimeSpan.FromSeconds(2 * o.SignatureToleranceSeconds)))
            return Problem(StatusCodes.Status409Conflict, "replayed request refused (this signature was already used).");

        StoreOrder? order;
        try { order = JsonSerializer.Deserialize<StoreOrder>(body, Json); }
        catch (JsonException) { order = null; }
        if (order is null) return Problem(StatusCodes.Status400BadRequest, "body is not an order JSON object.");
        if (order.Problem() is { } problem) return Problem(StatusCodes.Status400BadRequest, problem);
        return Results.Ok(await ledger.RecordAsync(order));
    }

    private static async Task<IResult> BackfillAsync(string? from, string? to, SalesLedger ledger, StoreOrderListClient store, TimeProvider clock,
        IOptions<ReportsOptions> reports, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (!DayRange.TryParse(from, to, today, 7, reports.Value.MaxDays, out var range, out var error)) return Problem(StatusCodes.Status400BadRequest, error!);
        var (orders, problem) = await store.PaidBetweenAsync(range.Start, range.End, ct);
        if (orders is null) return Problem(StatusCodes.Status502BadGateway, problem!);
        int counted = 0, skipped = 0, invalid = 0;
        foreach (var order in orders)
        {
            if (order.Problem() is not null) { invalid++; continue; }
            if ((await ledger.RecordAsync(order)).Counted) counted++; else skipped++;
        }
        return Results.Ok(new { from = range.From, to = range.To, received = orders.Count, counted, alreadyCounted = skipped, invalid });
    }

    private static async Task<IResult> ReportAsync(string? from, string? to, string? format, string? detail, string? agent, SignedInAgent user,
        SalesReportQuery query, TimeProvider clock, IOptions<ReportsOptions> options)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (!DayRange.TryParse(from, to, today, 7, options.Value.MaxDays, out var range, out var error)) return Problem(StatusCodes.Status400BadRequest, error!);
        if (format is not (null or "" or "json" or "csv")) return Problem(StatusCodes.Status400BadRequest, "format 应为 json 或 csv。");
        if (detail is not (null or "" or SalesReportQuery.DetailAgent or SalesReportQuery.DetailDay))
            return Problem(StatusCodes.Status400BadRequest, "detail 应为 agent（每位客服的合计，默认）或 day（另含每位客服每天的明细）。");
        var askedAgent = string.IsNullOrWhiteSpace(agent) ? null : agent.Trim();
        // Agents see their own figures (and the team's), whatever they ask for.
        var onlyAgent = user.IsSupervisor ? askedAgent : user.Id;
        var withDays = format == "csv" || detail == SalesReportQuery.DetailDay || askedAgent is not null;
        var report = await query.RunAsync(range, onlyAgent, withDays);
        return format == "csv" ? SalesReportQuery.Csv(report).ToResult($"sales-{range.From:yyyyMMdd}-{range.To:yyyyMMdd}.csv") : Results.Ok(report);
    }

    private static async Task<string?> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes) return null;
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static IResult Problem(int status, string title) => Results.Problem(title: title, statusCode: status);

    private static partial class Log
    {
        [LoggerMessage(EventId = 6400, Level = LogLevel.Warning, Message = "Store order webhook refused: {Verdict}")]
        public static partial void WebhookRefused(ILogger logger, string verdict);
    }
}
