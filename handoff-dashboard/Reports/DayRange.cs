using System.Globalization;

namespace ChatSupport.HandoffDashboard.Reports;

/// <summary>An inclusive range of UTC days, as reports take it (?from=2026-11-01&amp;to=2026-11-30).</summary>
public readonly record struct DayRange(DateOnly From, DateOnly To)
{
    public IEnumerable<DateOnly> Days()
    {
        for (var d = From; d <= To; d = d.AddDays(1)) yield return d;
    }

    public int Count => To.DayNumber - From.DayNumber + 1;

    /// <summary>Start of <see cref="From"/> (inclusive) in UTC.</summary>
    public DateTimeOffset Start => new(From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>Start of the day after <see cref="To"/> (exclusive) in UTC.</summary>
    public DateTimeOffset End => new(To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>Parses the query; missing bounds default to the <paramref name="defaultDays"/> days ending today.</summary>
    public static bool TryParse(string? from, string? to, DateOnly today, int defaultDays, int maxDays, out DayRange range, out string? error)
    {
        range = default;
        error = null;
        DateOnly f, t;
        if (string.IsNullOrWhiteSpace(to)) t = today;
        else if (!DateOnly.TryParseExact(to.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out t))
        {
            error = "to 的日期格式应为 yyyy-MM-dd。";
            return false;
        }
        if (string.IsNullOrWhiteSpace(from)) f = t.AddDays(-(defaultDays - 1));
        else if (!DateOnly.TryParseExact(from.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out f))
        {
            error = "from 的日期格式应为 yyyy-MM-dd。";
            return false;
        }
        if (f > t)
        {
            error = "from 不能晚于 to。";
            return false;
        }
        if (t.DayNumber - f.DayNumber + 1 > maxDays)
        {
            error = $"一次最多查询 {maxDays} 天。";
            return false;
        }
        range = new DayRange(f, t);
        return true;
    }
}
