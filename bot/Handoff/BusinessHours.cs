using System.Globalization;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.Handoff;

/// <summary>Whether agents are on duty at a moment, from the weekly hours and the holidays.</summary>
public sealed class BusinessHours(IOptions<HandoffOptions> options)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public bool IsOpen(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, _zone);
        if (options.Value.Holidays.Contains(local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))) return false;
        if (!options.Value.BusinessHours.TryGetValue(local.DayOfWeek, out var range) || string.IsNullOrWhiteSpace(range)) return false;
        var parts = range.Split('-', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !TimeOnly.TryParse(parts[0], CultureInfo.InvariantCulture, out var open)
            || !TimeOnly.TryParse(parts[1], CultureInfo.InvariantCulture, out var close))
            return false;
        var now = TimeOnly.FromDateTime(local.DateTime);
        // "00:00-24:00" is written as 00:00-23:59; a close before the open wraps past midnight.
        return close > open ? now >= open && now < close : now >= open || now < close;
    }

    /// <summary>The store's local date at a moment (the day "once per day" rules count in).</summary>
    public DateOnly LocalDay(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, _zone).DateTime);

    /// <summary>The hours as shoppers read them, e.g. 每天 09:00-23:00.</summary>
    public string Describe()
    {
        var distinct = options.Value.BusinessHours.Values.Where(v => !string.IsNullOrWhiteSpace(v)).Distinct().ToList();
        return distinct.Count == 1 && options.Value.BusinessHours.Count == 7 ? "每天 " + distinct[0] : string.Join("，", distinct);
    }
}
