using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffContract.Keys;
using ReportKeys = ChatSupport.HandoffContract.Keys.ReportKeys;
using FollowUpKeys = ChatSupport.HandoffContract.Keys.FollowUpKeys;
using ChatSupport.HandoffDashboard.Sales;
using ChatSupport.HandoffDashboard;
using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.HandoffDashboard.Complaints;
using ChatSupport.HandoffDashboard.FollowUps;
using ChatSupport.HandoffDashboard.Reports;
using ChatSupport.TestSupport;
using Microsoft.AspNetCore.Identity;
using StackExchange.Redis;

// Generates 90 days with 100,000 conversations straight into the report indexes (what the ingest and the
// stores would have written), starts a real dashboard on a real redis-server, and times each report endpoint
// over the whole 90 days, as JSON and as CSV; 50 agents, with their sales figures for the sales report. Usage: dotnet run -c Release --project tests/ReportsBenchmark [-- conversations days rounds]
var conversations = args.Length > 0 ? int.Parse(args[0]) : 100_000;
var days = args.Length > 1 ? int.Parse(args[1]) : 90;
var rounds = args.Length > 2 ? int.Parse(args[2]) : 50;
var lastDay = new DateOnly(2026, 11, 20);
var firstDay = lastDay.AddDays(-(days - 1));
var agents = Enumerable.Range(1, 50).Select(i => $"agent{i:D2}").ToArray();
string[] categories = ["质量", "物流", "服务态度", "发错/少件", "价格", "其他"];
var rnd = new Random(2026);

using var redis = RedisServer.Start();
using var connection = redis.Connect();
var db = connection.GetDatabase();
var complaints = new ComplaintStore(connection);
var watch = Stopwatch.StartNew();

var pending = new List<Task>();
async Task Flush(bool force = false)
{
    if (pending.Count < 20_000 && !force) return;
    await Task.WhenAll(pending);
    pending.Clear();
}

var complaintCount = 0;
for (var c = 0; c < conversations; c++)
{
    var day = firstDay.AddDays(rnd.Next(days));
    var agent = agents[rnd.Next(agents.Length)];
    var key = ReportKeys.AgentDaily(day);
    var id = $"bench-{c}";
    var started = new DateTimeOffset(day.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero).AddSeconds(rnd.Next(14 * 3600));
    var bot = HandoffKeys.BotDailyStats(day);
    pending.Add(db.HashIncrementAsync(bot, "conversations"));
    var outcome = rnd.NextDouble();
    if (outcome < 0.55) { pending.Add(db.HashIncrementAsync(bot, "answered")); continue; }
    if (outcome < 0.60) { pending.Add(db.HashIncrementAsync(bot, "fallbacks")); continue; }
    if (outcome < 0.63) { pending.Add(db.HashIncrementAsync(bot, "cases")); continue; }
    var reason = new[] { "after-sales", "complaint", "human" }[rnd.Next(3)];
    pending.Add(db.HashIncrementAsync(bot, "handoffs"));
    pending.Add(db.HashIncrementAsync(bot, "handoffs:" + reason));

    pending.Add(db.HashIncrementAsync(key, AgentMetrics.Field(agent, AgentMetrics.Handled)));
    pending.Add(db.HashIncrementAsync(key, AgentMetrics.Field(agent, AgentMetrics.FirstResponseMs), rnd.Next(3_000, 120_000)));
    pending.Add(db.HashIncrementAsync(key, AgentMetrics.Field(agent, AgentMetrics.FirstResponseCount)));
    var replies = rnd.Next(1, 6);
    for (var r = 0; r < replies; r++)
    {
        pending.Add(db.HashIncrementAsync(key, AgentMetrics.Field(agent, AgentMetrics.ResponseMs), rnd.Next(5_000, 300_000)));
        pending.Add(db.HashIncrementAsync(key, AgentMetrics.Field(agent, AgentMetrics.ResponseCount)));
    }
    pending.Add(db.HashIncrementAsync(key, AgentMetrics.Field(agent, AgentMetrics.ResolutionMs), rnd.Next(60_000, 3_600_000)));
    pending.Add(db.HashIncrementAsync(key, AgentMetrics.Field(agent, AgentMetrics.ResolutionCount)));
    pending.Add(db.SortedSetAddAsync(ReportKeys.ClosedChats, id, started.AddMinutes(30).ToUnixTimeMilliseconds()));
    if (rnd.Next(10) < 7)
        pending.Add(db.HashIncrementAsync(key, AgentMetrics.Field(agent, new[] { AgentMetrics.Satisfied, AgentMetrics.Neutral, AgentMetrics.Dissatisfied }[rnd.Next(3)])));
    if (rnd.Next(50) == 0) pending.Add(db.HashIncrementAsync(StatsKeys.PhraseWarnings(day), agent));
    if (reason == "complaint")
    {
        complaintCount++;
        var complaint = new Complaint
        {
            Id = $"TS{day:yyyyMMdd}-{c:D6}", State = ComplaintStateNames.All[rnd.Next(8)], Category = categories[rnd.Next(categories.Length)],
            CustomerName = "顾客", Summary = "问题", OpenedAt = started, OpenedBy = agent, UpdatedAt = started, ConversationId = id,
        };
        // The real store: hash, history, index by opening time and the per-day classification counters.
        pending.Add(complaints.CreateAsync(complaint, new ComplaintHistoryEntry(started, agent, null, null, complaint.State, null, null)));
        if (rnd.Next(2) == 0)
        {
            var done = DateOnly.FromDateTime(started.AddDays(rnd.Next(4)).UtcDateTime);
            pending.Add(db.HashIncrementAsync(FollowUpKeys.DailyStats(done), "done"));
            if (rnd.Next(10) < 8) pending.Add(db.HashIncrementAsync(FollowUpKeys.DailyStats(done), "onTime"));
        }
    }
    await Flush();
}
await Flush(force: true);

// Sales figures per agent and day as the order webhook and the served-customer intake write them (one hash a day).
for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
{
    var key = SalesKeys.Daily(day);
    long storeOrders = 0, storeFen = 0, storeItems = 0;
    foreach (var agent in agents)
    {
        var served = rnd.Next(10, 60);
        var buyers = rnd.Next(0, served / 2);
        var orders = buyers + rnd.Next(0, 3);
        var fen = orders * (long)rnd.Next(5_000, 60_000);
        var items = orders + rnd.Next(0, orders + 1);
        storeOrders += orders; storeFen += fen; storeItems += items;
        pending.Add(db.HashSetAsync(key,
        [
            new(SalesMetrics.Field(agent, SalesMetrics.Served), served), new(SalesMetrics.Field(agent, SalesMetrics.Buyers), buyers),
            new(SalesMetrics.Field(agent, SalesMetrics.Orders), orders), new(SalesMetrics.Field(agent, SalesMetrics.Amount), fen),
            new(SalesMetrics.Field(agent, SalesMetrics.Items), items),
        ]));
    }
    pending.Add(db.HashSetAsync(key,
    [
        new(SalesMetrics.Field(SalesMetrics.StoreOwner, SalesMetrics.Orders), storeOrders * 2),
        new(SalesMetrics.Field(SalesMetrics.StoreOwner, SalesMetrics.Amount), storeFen * 2),
        new(SalesMetrics.Field(SalesMetrics.StoreOwner, SalesMetrics.Items), storeItems * 2),
    ]));
}
await Flush(force: true);
var keys = (long)await db.ExecuteAsync("DBSIZE");
Console.WriteLine($"generated {conversations:N0} conversations over {days} days ({firstDay:yyyy-MM-dd}..{lastDay:yyyy-MM-dd}), {complaintCount:N0} complaints, {keys:N0} keys in {watch.Elapsed.TotalSeconds:F1} s");

await using var app = await RunningApp.StartAsync(a => DashboardApplication.Build(a),
    $"--ConnectionStrings:Redis={redis.ConnectionString}", "--Reports:IngestEnabled=false", "--environment", "Production",
    "--Logging:LogLevel:Default=Warning");
var user = new DashboardUser("boss", "boss", "主管", "", [DashboardRoles.Supervisor], ["general"], 5);
user = user with { PasswordHash = app.Service<IPasswordHasher<DashboardUser>>().HashPassword(user, "bench-pass") };
await app.Service<RedisUserStore>().TryCreateAsync(user);
using var http = app.CreateClient(new HttpClientHandler { CookieContainer = new CookieContainer() });
(await http.PostAsJsonAsync("api/auth/login", new { userName = "boss", password = "bench-pass" })).EnsureSuccessStatusCode();

var range = $"from={firstDay:yyyy-MM-dd}&to={lastDay:yyyy-MM-dd}";
if (Environment.GetEnvironmentVariable("BENCH_BREAKDOWN") == "1")
{
    var query = app.Service<AgentReportQuery>();
    var dayRange = new DayRange(firstDay, lastDay);
    for (var i = 0; i < 5; i++)
    {
        var sw = Stopwatch.StartNew();
        var batch = db.CreateBatch();
        var reads = dayRange.Days().Select(d => batch.HashGetAllAsync(ReportKeys.AgentDaily(d))).ToList();
        batch.Execute();
        await Task.WhenAll(reads);
        var raw = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        await query.RunAsync(dayRange, null);
        Console.WriteLine($"raw HGETALL x{days}: {raw:F1} ms; AgentReportQuery.RunAsync: {sw.Elapsed.TotalMilliseconds:F1} ms");
    }
}
Console.WriteLine($"{"endpoint",-50} {"p50 ms",8} {"p99 ms",8} {"max ms",8} {"bytes",9}");
// The sales report in its default shape (per-agent totals, team, per-day team series), with every agent-day row (&detail=day),
// for one agent (&agent=) and as CSV (always complete).
(string Route, string Label, string[] Variants)[] routes =
[
    ("api/reports/agents", "api/reports/agents", ["", "&format=csv"]),
    ("api/reports/complaints", "api/reports/complaints", ["", "&format=csv"]),
    ("api/reports/bot", "api/reports/bot", ["", "&format=csv"]),
    ("api/reports/sales", "api/reports/sales", ["", "&detail=day", "&agent=agent07", "&format=csv"]),
];
foreach (var (route, label, variants) in routes)
{
    foreach (var format in variants)
    {
        var url = $"{route}?{range}{format}";
        for (var w = 0; w < 3; w++) (await http.GetAsync(url)).EnsureSuccessStatusCode(); // warm-up
        var times = new List<double>();
        long size = 0;
        for (var i = 0; i < rounds; i++)
        {
            var sw = Stopwatch.StartNew();
            var response = await http.GetAsync(url);
            var body = await response.Content.ReadAsByteArrayAsync();
            sw.Stop();
            response.EnsureSuccessStatusCode();
            size = body.Length;
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        double P(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
        var name = label + (format switch { "" => "", "&format=csv" => " (csv)", _ => " (" + format.TrimStart('&') + ")" });
        Console.WriteLine($"{name,-50} {P(0.50),8:F1} {P(0.99),8:F1} {times[^1],8:F1} {size,9:N0}");
    }
}

// The sales query alone (two HGETALLs a day in one batch plus the sums), without HTTP and JSON, to tell them apart; and the raw
// Redis batch alone, the floor under it.
{
    var sales = app.Service<SalesReportQuery>();
    var dayRange = new DayRange(firstDay, lastDay);
    async Task Time(string label, Func<Task> run)
    {
        for (var w = 0; w < 3; w++) await run();
        var times = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            var sw = Stopwatch.StartNew();
            await run();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"{label,-50} {times[times.Count / 2],8:F1} {times[Math.Min(times.Count - 1, (int)Math.Ceiling(0.99 * times.Count) - 1)],8:F1} {times[^1],8:F1}");
    }
    await Time("SalesReportQuery.RunAsync (in process, totals)", () => sales.RunAsync(dayRange, null, withDays: false));
    await Time("SalesReportQuery.RunAsync (in process, days)", () => sales.RunAsync(dayRange, null, withDays: true));
    await Time("raw HGETALL x2 per day, one batch", async () =>
    {
        var batch = db.CreateBatch();
        var reads = dayRange.Days().SelectMany(d => new[] { batch.HashGetAllAsync(SalesKeys.Daily(d)), batch.HashGetAllAsync(ReportKeys.AgentDaily(d)) }).ToList();
        batch.Execute();
        await Task.WhenAll(reads);
    });
}
