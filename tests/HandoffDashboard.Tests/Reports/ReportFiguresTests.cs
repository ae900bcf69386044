using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Complaints;
using ChatSupport.HandoffDashboard.Reports;
using ChatSupport.HandoffDashboard.Tests.Complaints;
using ChatSupport.TestSupport;
using StackExchange.Redis;
using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.HandoffDashboard.Tests.Reports;

/// <summary>Report figures on generated data, checked against answers computed independently in the test.</summary>
public sealed class ReportFiguresTests
{
    private static readonly DateOnly Day0 = new(2026, 11, 1);
    private static readonly string[] Agents = ["agent-a", "agent-b", "agent-c"];

    private static double? Avg(long ms, long n) => n == 0 ? null : Math.Round(ms / 1000.0 / n, 1);

    private static double? Number(JsonElement row, string name) =>
        row.GetProperty(name).ValueKind == JsonValueKind.Null ? null : row.GetProperty(name).GetDouble();

    [Fact]
    public async Task AgentFiguresFromTheStreamsOfTwoDashboardInstancesMatchAnIndependentComputation()
    {
        // A small batch size makes the two streams' reads interleave at awkward points.
        await using var d = await AfterSalesDashboard.StartAsync(new DateTimeOffset(2026, 11, 5, 12, 0, 0, TimeSpan.Zero), "--Reports:BatchSize=7");
        // A second dashboard instance on the same Redis shares the consumer group: each event is still counted once.
        await using var second = await RunningApp.StartAsync(args => DashboardApplication.Build(args),
            $"--ConnectionStrings:Redis={d.Redis.ConnectionString}", "--Reports:BatchSize=5", "--Reports:PollInterval=00:00:00.100");
        var data = GeneratedChats.Create(seed: 20261101, Day0, days: 3, chats: 60, Agents);
        foreach (var e in data.Events) await HandoffStreams.AppendAsync(d.Db, e);
        var warnings = new Dictionary<(DateOnly, string), long> { [(Day0, "agent-a")] = 2, [(Day0.AddDays(2), "agent-c")] = 5 };
        foreach (var ((day, agent), n) in warnings) await d.Db.HashSetAsync(StatsKeys.PhraseWarnings(day), agent, n);
        await Eventually.TrueAsync(() => HandoffStreams.AllConsumedAsync(d.Db), TimeSpan.FromSeconds(60), "report ingest consumed both streams");

        var supervisor = await d.SupervisorAsync();
        var report = JsonSerializer.Deserialize<JsonElement>(await supervisor.GetStringAsync("api/reports/agents?from=2026-11-01&to=2026-11-04"));
        var rows = report.GetProperty("days").EnumerateArray().ToDictionary(
            r => (DateOnly.Parse(r.GetProperty("day").GetString()!), r.GetProperty("agentId").GetString()!));

        var expectedKeys = data.ByDayAndAgent.Keys.Concat(warnings.Keys).Distinct().OrderBy(k => k).ToList();
        Assert.Equal(expectedKeys, rows.Keys.OrderBy(k => k).ToList());
        foreach (var (key, e) in data.ByDayAndAgent)
        {
            var row = rows[key];
            Assert.Equal(e.Handled, row.GetProperty("chatsHandled").GetInt64());
            Assert.Equal(e.FrtN, row.GetProperty("firstResponses").GetInt64());
            Assert.Equal(Avg(e.FrtMs, e.FrtN), Number(row, "firstResponseSeconds"));
            Assert.Equal(e.ArtN, row.GetProperty("responses").GetInt64());
            Assert.Equal(Avg(e.ArtMs, e.ArtN), Number(row, "averageResponseSeconds"));
            Assert.Equal(e.ResN, row.GetProperty("resolved").GetInt64());
            Assert.Equal(Avg(e.ResMs, e.ResN), Number(row, "resolutionSeconds"));
            Assert.Equal((e.Good, e.Mid, e.Bad),
                (row.GetProperty("satisfied").GetInt64(), row.GetProperty("neutral").GetInt64(), row.GetProperty("dissatisfied").GetInt64()));
        }
        foreach (var (key, n) in warnings) Assert.Equal(n, rows[key].GetProperty("phraseWarnings").GetInt64());

        // Totals per agent over the range: averages of all samples, not averages of daily averages.
        foreach (var agent in Agents)
        {
            var mine = data.ByDayAndAgent.Where(k => k.Key.Agent == agent).Select(k => k.Value).ToList();
            var total = report.GetProperty("agents").EnumerateArray().Single(r => r.GetProperty("agentId").GetString() == agent);
            Assert.Equal(mine.Sum(m => m.Handled), total.GetProperty("chatsHandled").GetInt64());
            Assert.Equal(Avg(mine.Sum(m => m.ArtMs), mine.Sum(m => m.ArtN)), Number(total, "averageResponseSeconds"));
            var good = mine.Sum(m => m.Good);
            var rated = good + mine.Sum(m => m.Mid) + mine.Sum(m => m.Bad);
            Assert.Equal(rated == 0 ? null : Math.Round((double)good / rated, 4), Number(total, "satisfactionRate"));
        }

        // Delivering an already counted entry again changes nothing.
        var before = await d.Db.HashGetAllAsync(ReportKeys.AgentDaily(Day0));
        var pending = await d.Db.StreamRangeAsync(HandoffKeys.ToBotStream, count: 50);
        var indexer = d.App.Service<IEnumerable<IHandoffEventSink>>().OfType<ReportIndexer>().Single();
        foreach (var entry in pending)
        {
            var json = entry.Values[0].Value.ToString();
            await indexer.HandleAsync(new HandoffStreamEntry("to-bot", entry.Id.ToString(), HandoffEvent.FromJson(json)), CancellationToken.None);
        }
        var after = await d.Db.HashGetAllAsync(ReportKeys.AgentDaily(Day0));
        Assert.Equal(before.OrderBy(e => (string)e.Name!).Select(e => e.ToString()), after.OrderBy(e => (string)e.Name!).Select(e => e.ToString()));

        // An agent sees only their own rows, whatever they ask for.
        var agentB = await d.SignInAsync("agent-b", "小B", "agent");
        var own = JsonSerializer.Deserialize<JsonElement>(await agentB.GetStringAsync("api/reports/agents?from=2026-11-01&to=2026-11-04&agent=agent-a"));
        Assert.All(own.GetProperty("days").EnumerateArray(), r => Assert.Equal("agent-b", r.GetProperty("agentId").GetString()));
        Assert.Equal(data.ByDayAndAgent.Count(k => k.Key.Agent == "agent-b"), own.GetProperty("days").GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, (await agentB.GetAsync("api/reports/bot")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agentB.GetAsync("api/reports/complaints")).StatusCode);

        // Reports read day keys and sorted sets only: Redis never saw a KEYS or SCAN.
        var stats = (string)(await d.Db.ScriptEvaluateAsync("return redis.call('INFO', 'commandstats')"))!;
        Assert.DoesNotContain("cmdstat_keys:", stats);
        Assert.DoesNotContain("cmdstat_scan:", stats);
        Assert.Contains("cmdstat_hgetall:", stats);
    }

    [Fact]
    public async Task BotContainmentAndHandoffsByReasonComeFromTheBotsDailyCounters()
    {
        await using var d = await AfterSalesDashboard.StartAsync(new DateTimeOffset(2026, 11, 5, 12, 0, 0, TimeSpan.Zero));
        var rnd = new Random(7);
        var expected = new List<(DateOnly Day, long Conversations, long Handoffs, long After, long Complaint, long Human, long Cases)>();
        for (var i = 0; i < 4; i++)
        {
            var day = Day0.AddDays(i);
            long after = rnd.Next(0, 20), complaint = rnd.Next(0, 10), human = rnd.Next(0, 10), cases = rnd.Next(0, 5);
            long handoffs = after + complaint + human, conversations = handoffs + cases + rnd.Next(10, 100);
            expected.Add((day, conversations, handoffs, after, complaint, human, cases));
            await d.Db.HashSetAsync(HandoffKeys.BotDailyStats(day),
            [
                new("conversations", conversations), new("answered", conversations - handoffs - cases), new("handoffs", handoffs),
                new("handoffs:after-sales", after), new("handoffs:complaint", complaint), new("handoffs:human", human), new("cases", cases),
            ]);
        }
        await d.Db.HashSetAsync(HandoffKeys.BotDailyStats(Day0.AddDays(10)), "conversations", 999); // outside the range
        var supervisor = await d.SupervisorAsync();

        var report = JsonSerializer.Deserialize<JsonElement>(await supervisor.GetStringAsync("api/reports/bot?from=2026-11-01&to=2026-11-05"));

        var days = report.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(5, days.Count);
        for (var i = 0; i < 4; i++)
        {
            var e = expected[i];
            Assert.Equal(e.Conversations, days[i].GetProperty("conversations").GetInt64());
            Assert.Equal(e.Complaint, days[i].GetProperty("handoffsComplaint").GetInt64());
            Assert.Equal(Math.Round((e.Conversations - e.Handoffs - e.Cases) / (double)e.Conversations, 4), days[i].GetProperty("containmentRate").GetDouble());
        }
        Assert.Equal(JsonValueKind.Null, days[4].GetProperty("containmentRate").ValueKind);
        var total = report.GetProperty("total");
        long tc = expected.Sum(e => e.Conversations), th = expected.Sum(e => e.Handoffs), tcases = expected.Sum(e => e.Cases);
        Assert.Equal(tc, total.GetProperty("conversations").GetInt64());
        Assert.Equal(expected.Sum(e => e.Human), total.GetProperty("handoffsHuman").GetInt64());
        Assert.Equal(Math.Round((tc - th - tcases) / (double)tc, 4), total.GetProperty("containmentRate").GetDouble());

        var csv = await supervisor.GetAsync("api/reports/bot?from=2026-11-01&to=2026-11-05&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(7, lines.Length); // header, 5 days, total
        Assert.StartsWith($"2026-11-01,{expected[0].Conversations},", lines[1]);
        Assert.StartsWith($"合计,{tc},", lines[6]);

        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.GetAsync("api/reports/bot?from=2026-11-05&to=2026-11-01")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.GetAsync("api/reports/bot?from=2020-01-01&to=2026-11-01")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.GetAsync("api/reports/bot?from=yesterday")).StatusCode);
    }

    [Fact]
    public async Task TheClassificationTableCountsComplaintsByCategoryAndCurrentStateInTheRange()
    {
        await using var d = await AfterSalesDashboard.StartAsync(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        var agent = await d.AgentAsync();
        var supervisor = await d.SupervisorAsync();
        var rnd = new Random(11);
        string[] categories = ["质量", "物流", "价格"];
        var expected = new Dictionary<(string, string), int>();
        string[] path = ["判断", "调查", "方案", "审批", "实施"];
        for (var i = 0; i < 24; i++)
        {
            var category = categories[rnd.Next(categories.Length)];
            var created = JsonSerializer.Deserialize<JsonElement>(await (await agent.PostAsJsonAsync("api/complaints",
                new { customerName = $"顾客{i}", summary = "问题", category })).Content.ReadAsStringAsync());
            var id = created.GetProperty("complaint").GetProperty("id").GetString();
            var steps = rnd.Next(0, path.Length + 1);
            for (var s = 0; s < steps; s++)
            {
                object body = path[s] switch
                {
                    "判断" => new { to = "判断", validity = "成立" },
                    "方案" => new { to = "方案", plan = "退款" },
                    _ => new { to = path[s] },
                };
                var r = await (path[s] == "审批" ? supervisor : agent).PostAsJsonAsync($"api/complaints/{id}/transitions", body);
                Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            }
            var state = steps == 0 ? "受理" : path[steps - 1];
            expected[(category, state)] = expected.GetValueOrDefault((category, state)) + 1;
            if (i == 11)
            {
                d.Clock.Advance(TimeSpan.FromDays(2)); // the second half is opened on 2026-11-04
                await AfterSalesDashboard.SignInAgainAsync(agent, "xiaoli");
                await AfterSalesDashboard.SignInAgainAsync(supervisor, "zhuguan");
            }
        }

        var report = JsonSerializer.Deserialize<JsonElement>(await supervisor.GetStringAsync("api/reports/complaints?from=2026-11-01&to=2026-11-30"));
        var rows = report.GetProperty("categories").EnumerateArray().ToDictionary(r => r.GetProperty("category").GetString()!);
        Assert.Equal(ComplaintCategoryStore.Defaults, rows.Keys.ToList());
        foreach (var category in ComplaintCategoryStore.Defaults)
            foreach (var state in ComplaintStateNames.All)
                Assert.Equal(expected.GetValueOrDefault((category, state)), rows[category].GetProperty("byState").GetProperty(state).GetInt64());
        Assert.Equal(24, report.GetProperty("total").GetProperty("total").GetInt64());

        // Only the first twelve were opened on 2026-11-02.
        var firstDay = JsonSerializer.Deserialize<JsonElement>(await supervisor.GetStringAsync("api/reports/complaints?from=2026-11-02&to=2026-11-02"));
        Assert.Equal(12, firstDay.GetProperty("total").GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task CsvExportsNeutraliseFormulasAtTheStartOfACell()
    {
        Assert.Equal("'=1+1", CsvTable.Cell("=1+1"));
        Assert.Equal("'+86 138", CsvTable.Cell("+86 138"));
        Assert.Equal("'-2", CsvTable.Cell("-2"));
        Assert.Equal("'@SUM(A1)", CsvTable.Cell("@SUM(A1)"));
        Assert.Equal("\"'=A1,B1\"", CsvTable.Cell("=A1,B1"));
        Assert.Equal("普通文字", CsvTable.Cell("普通文字"));
        Assert.Equal("a=b", CsvTable.Cell("a=b"));

        // End to end: an agent whose display name is a formula, and a category that is one.
        await using var d = await AfterSalesDashboard.StartAsync(new DateTimeOffset(2026, 11, 5, 12, 0, 0, TimeSpan.Zero));
        await d.SignInAsync("evil", "=cmd|'/c calc'!A1", "agent");
        await d.Db.HashSetAsync(ReportKeys.AgentDaily(Day0), "evil|handled", 3);
        var supervisor = await d.SupervisorAsync();
        await supervisor.PutAsJsonAsync("api/complaints/categories", new { categories = new[] { "@危险", "质量" } });
        var agents = Encoding.UTF8.GetString(await supervisor.GetByteArrayAsync("api/reports/agents?from=2026-11-01&to=2026-11-01&format=csv"));
        Assert.Contains("2026-11-01,evil,'=cmd|'/c calc'!A1,3,", agents);
        var complaints = Encoding.UTF8.GetString(await supervisor.GetByteArrayAsync("api/reports/complaints?from=2026-11-01&to=2026-11-01&format=csv"));
        Assert.Contains("\r\n'@危险,0,", complaints);
    }
}
