using ChatSupport.HandoffContract;
using ChatSupport.HandoffContract.Keys;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.Reports;

/// <summary>
/// The bot's day (<see cref="Day"/> set) or the range's total (<see cref="Day"/> null). Containment is the share
/// of started conversations finished without a person: (conversations − handoffs − cases) / conversations,
/// assuming the bot counts a case (message left outside hours) under cases only, not also under handoffs.
/// </summary>
public sealed record BotReportRow(
    DateOnly? Day,
    long Conversations,
    long Answered,
    long Clarified,
    long Fallbacks,
    long Handoffs,
    long HandoffsAfterSales,
    long HandoffsComplaint,
    long HandoffsHuman,
    long Cases,
    double? ContainmentRate);

public sealed record BotReport(DateOnly From, DateOnly To, IReadOnlyList<BotReportRow> Days, BotReportRow Total);

/// <summary>Reads the bot's daily hash (<see cref="HandoffKeys.BotDailyStats"/>) for each day of the range.</summary>
public sealed class BotReportQuery(IConnectionMultiplexer redis)
{
    public async Task<BotReport> RunAsync(DayRange range)
    {
        var batch = redis.GetDatabase().CreateBatch();
        var reads = range.Days().Select(d => (Day: d, Task: batch.HashGetAllAsync(HandoffKeys.BotDailyStats(d)))).ToList();
        batch.Execute();
        var days = new List<BotReportRow>();
        long[] total = new long[9];
        foreach (var (day, task) in reads)
        {
            var h = (await task).ToDictionary(e => (string)e.Name!, e => (long)e.Value);
            long[] v =
            [
                h.GetValueOrDefault(BotCounters.Conversations), h.GetValueOrDefault(BotCounters.Answered), h.GetValueOrDefault(BotCounters.Clarified),
                h.GetValueOrDefault(BotCounters.Fallbacks), h.GetValueOrDefault(BotCounters.Handoffs), h.GetValueOrDefault(BotCounters.HandoffsFor(HandoffReason.AfterSales)),
                h.GetValueOrDefault(BotCounters.HandoffsFor(HandoffReason.Complaint)), h.GetValueOrDefault(BotCounters.HandoffsFor(HandoffReason.Human)), h.GetValueOrDefault(BotCounters.Cases),
            ];
            for (var i = 0; i < v.Length; i++) total[i] += v[i];
            days.Add(Row(day, v));
        }
        return new BotReport(range.From, range.To, days, Row(null, total));
    }

    private static BotReportRow Row(DateOnly? day, long[] v)
    {
        double? containment = v[0] == 0 ? null : Math.Round(Math.Max(0, v[0] - v[4] - v[8]) / (double)v[0], 4);
        return new BotReportRow(day, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], containment);
    }
}
