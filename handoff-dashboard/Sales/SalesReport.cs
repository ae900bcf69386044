using ChatSupport.HandoffContract.Keys;
using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.HandoffDashboard.Reports;
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

public sealed record SalesReport(
    DateOnly From, DateOnly To, StoreSales Store,
    IReadOnlyList<SalesRow> Days, IReadOnlyList<SalesRow> Agents, IReadOnlyList<SalesRow> TeamDays, SalesRow Team,
    IReadOnlyList<StoreDay> StoreDays);

public sealed record StoreDay(DateOnly Day, long Orders, decimal Sales);

/// <summary>
/// Reads two hashes a day in one batch: the sales figures (<see cref="SalesKeys.Daily"/>) and the agent report's
/// response-time counters (<see cref="ReportKeys.AgentDaily"/>, same definitions as the agent report). Team
/// rates are pooled (all buyers / all served); <see cref="SalesRow.ConversionVsTeam"/> is the agent's rate minus the
/// team's in percentage points, <see cref="SalesRow.SalesVsTeam"/> the agent's sales over the team's per-agent average.
/// </summary>
public sealed class SalesReportQuery(IConnectionMultiplexer redis, RedisUserStore users)
{
    public const string TeamId = "team";

    private sealed class Sums
    {
        public long Served, Buyers, Orders, Fen, Items;
        public long FrtMs, FrtN, ArtMs, ArtN;

        public void Add(Sums o)
        {
            Served += o.Served; Buyers += o.Buyers; Orders += o.Orders; Fen += o.Fen; Items += o.Items;
            FrtMs += o.FrtMs; FrtN += o.FrtN; ArtMs += o.ArtMs; ArtN += o.ArtN;
        }

        public SalesRow Row(DateOnly? day, string agent, string? name, decimal? storeItemPrice)
        {
            var sales = Fen / 100m;
            decimal? aov = Buyers == 0 ? null : Math.Round(sales / Buyers, 2);
            return new SalesRow(day, agent, name, Served, Buyers, Orders, sales,
                Served == 0 ? null : Math.Round((double)Buyers / Served, 4), aov,
                aov is null || storeItemPrice is null or 0 ? null : Math.Round((double)(aov.Value / storeItemPrice.Value), 2),
                ArtN == 0 ? null : Math.Round(ArtMs / 1000.0 / ArtN, 1), FrtN == 0 ? null : Math.Round(FrtMs / 1000.0 / FrtN, 1));
        }
    }

    /// <param name="onlyAgent">An agent looking at their own figures: other agents' rows are left out (the team row stays).</param>
    public async Task<SalesReport> RunAsync(DayRange range, string? onlyAgent)
    {
        var db = redis.GetDatabase();
        var batch = db.CreateBatch();
        // Both hashes of each day in one round trip: the sales figures and the agent report's response-time counters.
        var reads = range.Days().Select(d => (Day: d, Figures: batch.HashGetAllAsync(SalesKeys.Daily(d)), Times: batch.HashGetAllAsync(ChatSupport.HandoffContract.Keys.ReportKeys.AgentDaily(d)))).ToList();
        batch.Execute();

        var perDay = new Dictionary<(DateOnly, string), Sums>();
        var store = new Dictionary<DateOnly, Sums>();
        foreach (var (day, task, times) in reads)
        {
            foreach (var entry in await times)
            {
                var name = (string)entry.Name!;
                var bar = name.LastIndexOf('|');
                if (bar <= 0) continue;
                var metric = name[(bar + 1)..];
                if (metric is not (AgentMetrics.FirstResponseMs or AgentMetrics.FirstResponseCount or AgentMetrics.ResponseMs or AgentMetrics.ResponseCount)) continue;
                var s = Get(perDay, day, name[..bar]);
                var value = (long)entry.Value;
                switch (metric)
                {
                    case AgentMetrics.FirstResponseMs: s.FrtMs += value; break;
                    case AgentMetrics.FirstResponseCount: s.FrtN += value; break;
                    case AgentMetrics.ResponseMs: s.ArtMs += value; break;
                    default: s.ArtN += value; break;
                }
            }
            foreach (var entry in await task)
            {
                var name = (string)entry.Name!;
                var bar = name.LastIndexOf('|');
                if (bar <= 0) continue;
                var owner = name[..bar];
                var s = owner == SalesMetrics.StoreOwner ? Get(store, day) : Get(perDay, day, owner);
                var value = (long)entry.Value;
                switch (name[(bar + 1)..])
                {
                    case SalesMetrics.Served: s.Served += value; break;
                    case SalesMetrics.Buyers: s.Buyers += value; break;
                    case SalesMetrics.Orders: s.Orders += value; break;
                    case SalesMetrics.Amount: s.Fen += value; break;
                    case SalesMetrics.Items: s.Items += value; break;
                }
            }
        }
        var storeTotal = new Sums();
        foreach (var s in store.Values) storeTotal.Add(s);
        decimal? ItemPrice(Sums s) => s.Items == 0 ? null : Math.Round(s.Fen / 100m / s.Items, 2);
        var rangeItemPrice = ItemPrice(storeTotal);

        var names = (await users.ListAsync()).ToDictionary(u => u.Id, u => u.DisplayName);
        var totals = new SortedDictionary<string, Sums>(StringComparer.Ordinal);
        var teamDays = new SortedDictionary<DateOnly, Sums>();
        var days = new List<SalesRow>();
        foreach (var ((day, agent), sums) in perDay.OrderBy(p => p.Key.Item1).ThenBy(p => p.Key.Item2, StringComparer.Ordinal))
        {
            if (!teamDays.TryGetValue(day, out var td)) teamDays[day] = td = new Sums();
            td.Add(sums);
            if (!totals.TryGetValue(agent, out var t)) totals[agent] = t = new Sums();
            t.Add(sums);
            if (onlyAgent is null || agent == onlyAgent)
                days.Add(sums.Row(day, agent, names.GetValueOrDefault(agent), ItemPrice(store.GetValueOrDefault(day) ?? new Sums())));
        }
        var team = new Sums();
        foreach (var t in totals.Values) team.Add(t);
        var teamRow = team.Row(null, TeamId, "团队", rangeItemPrice);
        var perAgentSales = totals.Count == 0 ? 0m : team.Fen / 100m / totals.Count;
        var agents = totals.Where(t => onlyAgent is null || t.Key == onlyAgent).Select(t =>
        {
            var row = t.Value.Row(null, t.Key, names.GetValueOrDefault(t.Key), rangeItemPrice);
            return row with
            {
                ConversionVsTeam = row.ConversionRate is { } c && teamRow.ConversionRate is { } tc ? Math.Round((c - tc) * 100, 2) : null,
                SalesVsTeam = perAgentSales == 0 ? null : Math.Round((double)(row.Sales / perAgentSales), 2),
            };
        }).ToList();
        return new SalesReport(range.From, range.To,
            new StoreSales(storeTotal.Orders, storeTotal.Fen / 100m, storeTotal.Items, rangeItemPrice),
            days, agents,
            teamDays.Select(t => t.Value.Row(t.Key, TeamId, "团队", ItemPrice(store.GetValueOrDefault(t.Key) ?? new Sums()))).ToList(),
            teamRow,
            range.Days().Select(d => new StoreDay(d, store.GetValueOrDefault(d)?.Orders ?? 0, (store.GetValueOrDefault(d)?.Fen ?? 0) / 100m)).ToList());
    }

    internal static CsvTable Csv(SalesReport report)
    {
        var csv = new CsvTable().Row("日期", "客服ID", "客服", "接待人数", "下单人数", "订单数", "销售额(元)", "转化率", "客单价(元)",
            "客单价/店铺件均价", "平均响应(秒)", "首次响应(秒)", "转化率比团队(百分点)", "销售额/团队人均");
        foreach (var r in report.Days.Concat(report.TeamDays).Concat(report.Agents).Append(report.Team))
            csv.Row(r.Day?.ToString("yyyy-MM-dd") ?? "合计", r.AgentId, r.AgentName, r.Served, r.Buyers, r.Orders, r.Sales, r.ConversionRate,
                r.AverageOrderValue, r.AverageOrderValueToItemPrice, r.AverageResponseSeconds, r.FirstResponseSeconds, r.ConversionVsTeam, r.SalesVsTeam);
        csv.Row();
        csv.Row("店铺订单数", "店铺销售额(元)", "店铺售出件数", "店铺件均价(元)");
        csv.Row(report.Store.Orders, report.Store.Sales, report.Store.Items, report.Store.AverageItemPrice);
        return csv;
    }

    private static Sums Get(Dictionary<(DateOnly, string), Sums> map, DateOnly day, string agent)
    {
        if (!map.TryGetValue((day, agent), out var s)) map[(day, agent)] = s = new Sums();
        return s;
    }

    private static Sums Get(Dictionary<DateOnly, Sums> map, DateOnly day)
    {
        if (!map.TryGetValue(day, out var s)) map[day] = s = new Sums();
        return s;
    }
}
