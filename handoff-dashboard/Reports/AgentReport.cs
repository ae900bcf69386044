using ChatSupport.HandoffDashboard.Auth;
using StackExchange.Redis;
using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.HandoffDashboard.Reports;

/// <summary>
/// One agent's figures for one day (<see cref="Day"/> set) or for the whole range (<see cref="Day"/> null).
/// Times are in seconds; averages are null when there was nothing to average.
/// </summary>
public sealed record AgentReportRow(
    DateOnly? Day,
    string AgentId,
    string? AgentName,
    long ChatsHandled,
    double? FirstResponseSeconds,
    long FirstResponses,
    double? AverageResponseSeconds,
    long Responses,
    double? ResolutionSeconds,
    long Resolved,
    long Satisfied,
    long Neutral,
    long Dissatisfied,
    double? SatisfactionRate,
    long PhraseWarnings);

public sealed record AgentReport(DateOnly From, DateOnly To, IReadOnlyList<AgentReportRow> Days, IReadOnlyList<AgentReportRow> Agents);

/// <summary>Reads <see cref="ReportKeys.AgentDaily"/> and the phrase-warning hashes for each day of a range: two HGETALLs a day.</summary>
public sealed class AgentReportQuery(IConnectionMultiplexer redis, RedisUserStore users)
{
    private sealed class Sums
    {
        public long Handled, FrtMs, FrtN, ArtMs, ArtN, ResMs, ResN, Good, Mid, Bad, Warnings;

        public void Add(Sums o)
        {
            Handled += o.Handled; FrtMs += o.FrtMs; FrtN += o.FrtN; ArtMs += o.ArtMs; ArtN += o.ArtN;
            ResMs += o.ResMs; ResN += o.ResN; Good += o.Good; Mid += o.Mid; Bad += o.Bad; Warnings += o.Warnings;
        }

        public void Set(string metric, long value)
        {
            switch (metric)
            {
                case AgentMetrics.Handled: Handled += value; break;
                case AgentMetrics.FirstResponseMs: FrtMs += value; break;
                case AgentMetrics.FirstResponseCount: FrtN += value; break;
                case AgentMetrics.ResponseMs: ArtMs += value; break;
                case AgentMetrics.ResponseCount: ArtN += value; break;
                case AgentMetrics.ResolutionMs: ResMs += value; break;
                case AgentMetrics.ResolutionCount: ResN += value; break;
                case AgentMetrics.Satisfied: Good += value; break;
                case AgentMetrics.Neutral: Mid += value; break;
                case AgentMetrics.Dissatisfied: Bad += value; break;
            }
        }

        public AgentReportRow Row(DateOnly? day, string agent, string? name)
        {
            static double? Avg(long ms, long n) => n == 0 ? null : Math.Round(ms / 1000.0 / n, 1);
            var rated = Good + Mid + Bad;
            return new AgentReportRow(day, agent, name, Handled, Avg(FrtMs, FrtN), FrtN, Avg(ArtMs, ArtN), ArtN,
                Avg(ResMs, ResN), ResN, Good, Mid, Bad, rated == 0 ? null : Math.Round((double)Good / rated, 4), Warnings);
        }
    }

    /// <param name="onlyAgent">When set (an agent looking at their own figures), every other agent is left out.</param>
    public async Task<AgentReport> RunAsync(DayRange range, string? onlyAgent)
    {
        var db = redis.GetDatabase();
        var batch = db.CreateBatch();
        var reads = range.Days().Select(d => (Day: d,
            Stats: batch.HashGetAllAsync(ReportKeys.AgentDaily(d)),
            Warnings: onlyAgent is null
                ? batch.HashGetAllAsync(StatsKeys.PhraseWarnings(d))
                : batch.HashGetAsync(StatsKeys.PhraseWarnings(d), onlyAgent).ContinueWith(t =>
                    t.Result.IsNull ? [] : new[] { new HashEntry(onlyAgent, t.Result) }, TaskScheduler.Default))).ToList();
        batch.Execute();

        // A hash map, sorted once at the end with ordinal comparison: culture-aware comparisons of the
        // (day, agent) keys on every lookup made this report ten times slower.
        var perDay = new Dictionary<(DateOnly, string), Sums>();
        foreach (var (day, statsTask, warningsTask) in reads)
        {
            foreach (var entry in await statsTask)
            {
                var name = (string)entry.Name!;
                var bar = name.LastIndexOf('|');
                if (bar <= 0) continue;
                var agent = name[..bar];
                if (onlyAgent is not null && agent != onlyAgent) continue;
                Get(perDay, day, agent).Set(name[(bar + 1)..], (long)entry.Value);
            }
            foreach (var entry in await warningsTask)
            {
                var agent = (string)entry.Name!;
                if (onlyAgent is not null && agent != onlyAgent) continue;
                Get(perDay, day, agent).Warnings += (long)entry.Value;
            }
        }

        var names = (await users.ListAsync()).ToDictionary(u => u.Id, u => u.DisplayName);
        var totals = new SortedDictionary<string, Sums>(StringComparer.Ordinal);
        var days = new List<AgentReportRow>();
        foreach (var ((day, agent), sums) in perDay.OrderBy(p => p.Key.Item1).ThenBy(p => p.Key.Item2, StringComparer.Ordinal))
        {
            days.Add(sums.Row(day, agent, names.GetValueOrDefault(agent)));
            if (!totals.TryGetValue(agent, out var t)) totals[agent] = t = new Sums();
            t.Add(sums);
        }
        return new AgentReport(range.From, range.To, days,
            totals.Select(t => t.Value.Row(null, t.Key, names.GetValueOrDefault(t.Key))).ToList());
    }

    private static Sums Get(Dictionary<(DateOnly, string), Sums> map, DateOnly day, string agent)
    {
        if (!map.TryGetValue((day, agent), out var s)) map[(day, agent)] = s = new Sums();
        return s;
    }
}
