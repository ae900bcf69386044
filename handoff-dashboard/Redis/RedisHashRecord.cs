using System.Collections;
using System.Globalization;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.Redis;

/// <summary>
/// Conventions shared by the stores that keep a record as one Redis hash (complaints, follow-ups): one time
/// format, and blank fields read back as absent.
/// </summary>
public static class RedisHashRecord
{
    /// <summary>Times are stored as round-trip UTC text, so they sort and parse the same everywhere.</summary>
    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    /// <summary>The field's text, or null when it is missing or blank.</summary>
    public static string? Text(IReadOnlyDictionary<string, string> hash, string field) =>
        hash.TryGetValue(field, out var value) && value.Length > 0 ? value : null;

    /// <summary>The field as a time written by <see cref="Time(DateTimeOffset)"/>, or null when it is missing or blank.</summary>
    public static DateTimeOffset? TimeOf(IReadOnlyDictionary<string, string> hash, string field) =>
        Text(hash, field) is { } value ? DateTimeOffset.Parse(value, CultureInfo.InvariantCulture) : null;
}

/// <summary>
/// Field/value pairs of a hash in the order given, for a script that writes them with one HSET; a null value
/// is left out (the field stays absent). Written as a collection initializer: <c>new HashFields { { "id", id } }</c>.
/// </summary>
public sealed class HashFields : IEnumerable<RedisValue>
{
    private readonly List<RedisValue> _items = [];

    public void Add(string name, string? value)
    {
        if (value is null) return;
        _items.Add(name);
        _items.Add(value);
    }

    public IEnumerator<RedisValue> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
