using ChatSupport.HandoffContract.Keys;
using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.HandoffDashboard.Reports;
using System.Text;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.Sales;

/// <summary>
/// One agent's (or the team's, <see cref="AgentId"/> "team") sales figures for a day, or for the range (<see cref="Day"/> null).
/// 转化率 = buyers / served; 客单价 = sales / buyers; its ratio to the store's average item price (store sales / items sold);
/// response times from the agent report. Rates are null when there is nothing to divide by. Amounts in yuan.
/// </summary>
public sealed record SalesRow(
    DateOnly? Day, string AgentId, string? AgentName,
    long Served, long Buyers, long Orders, decimal Sales,
    double? ConversionRate, decimal? AverageOrderValue, double? AverageOrderValueToItemPrice,
    double? AverageResponseSeconds, double? FirstResponseSeconds,
    double? ConversionVsTeam = null, double? SalesVsTeam = null);

/// <summary>The store's own figures over the range (every order, whether a chat led to it or not).</summary>
public sealed record StoreSales(long Orders, decimal Sales, long Items, decimal? AverageItemPrice);

/// <summary>
/// The sales report. By default what the reports page draws: per-agent totals (<see cref="Agents"/>), the team's totals and
/// per-day series (<see cref="Team"/>, <see cref="TeamDays"/>) and the store's days. <see cref="Days"/>, one row per agent and day
/// (4,500 rows for 50 agents over 90 days), only when asked for (<c>&amp;detail=day</c>, or one agent's with <c>&amp;agent=</c>);
/// <see cref="Detail"/> says which shape this is. The CSV always has every agent-day row.
/// </summary>
public sealed record SalesReport(
    DateOnly From, DateOnly To, StoreSales Store,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<SalesRow>? Days,
    IReadOnlyList<SalesRow> Agents, IReadOnlyList<SalesRow> TeamDays, SalesRow Team,
    IReadOnlyList<StoreDay> StoreDays, string Detail = SalesReportQuery.DetailAgent);

public sealed record StoreDay(DateOnly Day, long Orders, decimal Sales);

/// <summary>
/// Reads two hashes a day in one batch (one round trip for the whole range): the sales figures (<see cref="SalesKeys.Daily"/>) and
/// the agent report's response-time counters (<see cref="ReportKeys.AgentDaily"/>, same definitions as the agent report). Team
/// rates are pooled (all buyers / all served); <see cref="SalesRow.ConversionVsTeam"/> is the agent's rate minus the
/// team's in percentage points, <see cref="SalesRow.SalesVsTeam"/> the agent's sales over the team's per-agent average.
/// Fields are parsed from their bytes (no string per field: 90 days of 50 agents are ~70,000 fields) into one array of day sums per agent.
/// </summary>
public sealed class SalesReportQuery(IConnectionMultiplexer redis, RedisUserStore users)
{
    public const string TeamId = "team";
    /// <summary>Default shape: totals per agent, no agent-day rows.</summary>
    public const string DetailAgent = "agent";
    /// <summary>With every agent-day row (<see cref="SalesReport.Days"/>).</summary>
    public const string DetailDay = "day";

    private struct Sums
    {
        public bool Seen;
        public long Served, Buyers, Orders, Fen, Items;
        public long FrtMs, FrtN, ArtMs, ArtN;

        public void Add(in Sums o)
        {
            Seen |= o.Seen;
            Served += o.Served; Buyers += o.Buyers; Orders += o.Orders; Fen += o.Fen; Items += o.Items;
            FrtMs += o.FrtMs; FrtN += o.FrtN; ArtMs += o.ArtMs; ArtN += o.ArtN;
        }

        public readonly SalesRow Row(DateOnly? day, string agent, string? name, decimal? storeItemPrice)
        {
            var sales = Fen / 100m;
            decimal? aov = Buyers == 0 ? null : Math.Round(sales / Buyers, 2);
            return new SalesRow(day, agent, name, Served, Buyers, Orders, sales,
                Served == 0 ? null : Math.Round((double)Buyers / Served, 4), aov,
                aov is null || storeItemPrice is null or 0 ? null : Math.Round((double)(aov.Value / storeItemPrice.Value), 2),
                ArtN == 0 ? null : Math.Round(ArtMs / 1000.0 / ArtN, 1), FrtN == 0 ? null : Math.Round(FrtMs / 1000.0 / FrtN, 1));
        }
    }

    private enum Metric { None, Served, Buyers, Orders, Amount, Items, FrtMs, FrtN, ArtMs, ArtN }

    private static readonly byte[] StoreOwnerBytes = Encoding.UTF8.GetBytes(SalesMetrics.StoreOwner);

    private static Metric SalesMetricOf(ReadOnlySpan<byte> m) =>
        m.SequenceEqual("served"u8) ? Metric.Served : m.SequenceEqual("buyers"u8) ? Metric.Buyers : m.SequenceEqual("orders"u8) ? Metric.Orders
        : m.SequenceEqual("amount"u8) ? Metric.Amount : m.SequenceEqual("items"u8) ? Metric.Items : Metric.None;

    private static Metric TimeMetricOf(ReadOnlySpan<byte> m) =>
        m.SequenceEqual("frt_ms"u8) ? Metric.FrtMs : m.SequenceEqual("frt_n"u8) ? Metric.FrtN : m.SequenceEqual("art_ms"u8) ? Metric.ArtMs
        : m.SequenceEqual("art_n"u8) ? Metric.ArtN : Metric.None;

    // The u8 literals above must say what the named constants say (checked once, at start-up).
    static SalesReportQuery()
    {
        if (SalesMetricOf(Encoding.UTF8.GetBytes(SalesMetrics.Served)) != Metric.Served || SalesMetricOf(Encoding.UTF8.GetBytes(SalesMetrics.Buyers)) != Metric.Buyers
            || SalesMetricOf(Encoding.UTF8.GetBytes(SalesMetrics.Orders)) != Metric.Orders || SalesMetricOf(Encoding.UTF8.GetBytes(SalesMetrics.Amount)) != Metric.Amount
            || SalesMetricOf(Encoding.UTF8.GetBytes(SalesMetrics.Items)) != Metric.Items
            || TimeMetricOf(Encoding.UTF8.GetBytes(AgentMetrics.FirstResponseMs)) != Metric.FrtMs || TimeMetricOf(Encoding.UTF8.GetBytes(AgentMetrics.FirstResponseCount)) != Metric.FrtN
            || TimeMetricOf(Encoding.UTF8.GetBytes(AgentMetrics.ResponseMs)) != Metric.ArtMs || TimeMetricOf(Encoding.UTF8.GetBytes(AgentMetrics.ResponseCount)) != Metric.ArtN)
            throw new InvalidOperationException("SalesReportQuery's field names differ from SalesMetrics/AgentMetrics.");
    }

    /// <summary>Day sums per agent id, found by the id's characters without making a string for each field.</summary>
    private sealed class AgentDays
    {
        private readonly int _days;
        private readonly Dictionary<string, Sums[]> _byAgent = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Sums[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;

        public AgentDays(int days)
        {
            _days = days;
            _lookup = _byAgent.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public Dictionary<string, Sums[]> All => _byAgent;

        public Sums[] Of(ReadOnlySpan<byte> agentUtf8)
        {
            Span<char> buffer = stackalloc char[256];
            var chars = agentUtf8.Length <= buffer.Length ? buffer[..Encoding.UTF8.GetChars(agentUtf8, buffer)] : Encoding.UTF8.GetString(agentUtf8).AsSpan();
            if (_lookup.TryGetValue(chars, out var series)) return series;
            series = new Sums[_days];
            _byAgent[chars.ToString()] = series;
            return series;
        }
    }

    /// <param name="onlyAgent">One agent's figures (an agent looking at their own, or &amp;agent=): other agents' rows are left out (the team's stay).</param>
    /// <param name="withDays">Include the agent-day rows (<see cref="SalesReport.Days"/>): the CSV, &amp;detail=day, &amp;agent=.</param>
    public async Task<SalesReport> RunAsync(DayRange range, string? onlyAgent, bool withDays = true)
    {
        var db = redis.GetDatabase();
        var batch = db.CreateBatch();
        var count = range.Count;
        var figures = new Task<HashEntry[]>[count];
        var times = new Task<HashEntry[]>[count];
        for (var i = 0; i < count; i++)
        {
            var day = range.From.AddDays(i);
            figures[i] = batch.HashGetAllAsync(SalesKeys.Daily(day));
            times[i] = batch.HashGetAllAsync(ChatSupport.HandoffContract.Keys.ReportKeys.AgentDaily(day));
        }
        batch.Execute();
        var namesTask = users.ListAsync();

        var agents = new AgentDays(count);
        var store = new Sums[count];
        for (var i = 0; i < count; i++)
        {
            foreach (var entry in await times[i])
            {
                ReadOnlySpan<byte> name = ((ReadOnlyMemory<byte>)entry.Name).Span;
                var bar = name.LastIndexOf((byte)'|');
                if (bar <= 0) continue;
                var metric = TimeMetricOf(name[(bar + 1)..]);
                if (metric == Metric.None) continue;
                ref var s = ref agents.Of(name[..bar])[i];
                Apply(ref s, metric, (long)entry.Value);
            }
            foreach (var entry in await figures[i])
            {
                ReadOnlySpan<byte> name = ((ReadOnlyMemory<byte>)entry.Name).Span;
                var bar = name.LastIndexOf((byte)'|');
                if (bar <= 0) continue;
                var metric = SalesMetricOf(name[(bar + 1)..]);
                if (metric == Metric.None) continue;
                var owner = name[..bar];
                ref var s = ref owner.SequenceEqual(StoreOwnerBytes) ? ref store[i] : ref agents.Of(owner)[i];
                Apply(ref s, metric, (long)entry.Value);
            }
        }

        var storeTotal = new Sums();
        foreach (ref readonly var s in store.AsSpan()) storeTotal.Add(s);
        static decimal? ItemPrice(in Sums s) => s.Items == 0 ? null : Math.Round(s.Fen / 100m / s.Items, 2);
        var rangeItemPrice = ItemPrice(storeTotal);
        var dayItemPrice = new decimal?[count];
        for (var i = 0; i < count; i++) dayItemPrice[i] = ItemPrice(store[i]);

        var names = (await namesTask).ToDictionary(u => u.Id, u => u.DisplayName);
        var ids = agents.All.Keys.Order(StringComparer.Ordinal).ToList();
        var teamDays = new Sums[count];
        var totals = new Sums[ids.Count];
        for (var a = 0; a < ids.Count; a++)
        {
            var series = agents.All[ids[a]];
            for (var i = 0; i < count; i++)
            {
                if (!series[i].Seen) continue;
                teamDays[i].Add(series[i]);
                totals[a].Add(series[i]);
            }
        }
        List<SalesRow>? days = null;
        if (withDays)
        {
            days = [];
            for (var i = 0; i < count; i++)
            {
                var day = range.From.AddDays(i);
                for (var a = 0; a < ids.Count; a++)
                {
                    if (onlyAgent is not null && ids[a] != onlyAgent) continue;
                    var s = agents.All[ids[a]][i];
                    if (s.Seen) days.Add(s.Row(day, ids[a], names.GetValueOrDefault(ids[a]), dayItemPrice[i]));
                }
            }
        }
        var team = new Sums();
        foreach (ref readonly var t in totals.AsSpan()) team.Add(t);
        var teamRow = team.Row(null, TeamId, "团队", rangeItemPrice);
        var perAgentSales = ids.Count == 0 ? 0m : team.Fen / 100m / ids.Count;
        var agentRows = new List<SalesRow>();
        for (var a = 0; a < ids.Count; a++)
        {
            if (onlyAgent is not null && ids[a] != onlyAgent) continue;
            var row = totals[a].Row(null, ids[a], names.GetValueOrDefault(ids[a]), rangeItemPrice);
            agentRows.Add(row with
            {
                ConversionVsTeam = row.ConversionRate is { } c && teamRow.ConversionRate is { } tc ? Math.Round((c - tc) * 100, 2) : null,
                SalesVsTeam = perAgentSales == 0 ? null : Math.Round((double)(row.Sales / perAgentSales), 2),
            });
        }
        var teamDayRows = new List<SalesRow>();
        var storeDays = new List<StoreDay>(count);
        for (var i = 0; i < count; i++)
        {
            var day = range.From.AddDays(i);
            if (teamDays[i].Seen) teamDayRows.Add(teamDays[i].Row(day, TeamId, "团队", dayItemPrice[i]));
            storeDays.Add(new StoreDay(day, store[i].Orders, store[i].Fen / 100m));
        }
        return new SalesReport(range.From, range.To,
            new StoreSales(storeTotal.Orders, storeTotal.Fen / 100m, storeTotal.Items, rangeItemPrice),
            days, agentRows, teamDayRows, teamRow, storeDays, withDays ? DetailDay : DetailAgent);
    }

    private static void Apply(ref Sums s, Metric metric, long value)
    {
        s.Seen = true;
        switch (metric)
        {
            case Metric.Served: s.Served += value; break;
            case Metric.Buyers: s.Buyers += value; break;
            case Metric.Orders: s.Orders += value; break;
            case Metric.Amount: s.Fen += value; break;
            case Metric.Items: s.Items += value; break;
            case Metric.FrtMs: s.FrtMs += value; break;
            case Metric.FrtN: s.FrtN += value; break;
            case Metric.ArtMs: s.ArtMs += value; break;
            case Metric.ArtN: s.ArtN += value; break;
        }
    }

    internal static CsvTable Csv(SalesReport report)
    {
        var csv = new CsvTable().Row("日期", "客服ID", "客服", "接待人数", "下单人数", "订单数", "销售额(元)", "转化率", "客单价(元)",
            "客单价/店铺件均价", "平均响应(秒)", "首次响应(秒)", "转化率比团队(百分点)", "销售额/团队人均");
        foreach (var r in (report.Days ?? []).Concat(report.TeamDays).Concat(report.Agents).Append(report.Team))
            csv.Row(r.Day?.ToString("yyyy-MM-dd") ?? "合计", r.AgentId, r.AgentName, r.Served, r.Buyers, r.Orders, r.Sales, r.ConversionRate,
                r.AverageOrderValue, r.AverageOrderValueToItemPrice, r.AverageResponseSeconds, r.FirstResponseSeconds, r.ConversionVsTeam, r.SalesVsTeam);
        csv.Row();
        csv.Row("店铺订单数", "店铺销售额(元)", "店铺售出件数", "店铺件均价(元)");
        csv.Row(report.Store.Orders, report.Store.Sales, report.Store.Items, report.Store.AverageItemPrice);
        return csv;
    }
}
