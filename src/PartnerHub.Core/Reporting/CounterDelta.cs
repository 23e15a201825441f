namespace PartnerHub.Core.Reporting;

/// <summary>
/// One change to a project's monthly counters: add <see cref="Delta"/> to counter <see cref="Key"/> of the Copenhagen
/// calendar month that starts on <see cref="Month"/>. Keys are the report's keys ("orgKind.Kindergarten",
/// "need.Health", "firstContactDays.3").
/// </summary>
public readonly record struct CounterDelta(DateOnly Month, string Key, int Delta)
{
    /// <summary>The first day of the Copenhagen month <paramref name="instant"/> falls in.</summary>
    public static DateOnly MonthOf(DateTimeOffset instant)
    {
        var day = Localization.CopenhagenTime.DateOf(instant);
        return new DateOnly(day.Year, day.Month, 1);
    }
}

/// <summary>A project's counters per month, as read back (or recounted in a test): month → key → count.</summary>
public sealed class MonthlyCounters
{
    private readonly Dictionary<DateOnly, Dictionary<string, int>> _months = [];

    public void Add(DateOnly month, string key, int delta)
    {
        if (!_months.TryGetValue(month, out var counts))
        {
            _months[month] = counts = new Dictionary<string, int>(StringComparer.Ordinal);
        }

        counts[key] = counts.GetValueOrDefault(key) + delta;
    }

    public void Add(IEnumerable<CounterDelta> deltas)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        foreach (var delta in deltas)
        {
            Add(delta.Month, delta.Key, delta.Delta);
        }
    }

    /// <summary>One month's counters (empty when none).</summary>
    public IReadOnlyDictionary<string, int> Month(DateOnly month) =>
        _months.TryGetValue(month, out var counts) ? counts : new Dictionary<string, int>();

    /// <summary>A counter summed over the period's months.</summary>
    public int Sum(ReportPeriod period, string key)
    {
        ArgumentNullException.ThrowIfNull(period);
        return period.Months().Sum(month => Month(month).GetValueOrDefault(key));
    }

    /// <summary>Every key counted in the period whose key starts with <paramref name="prefix"/>, summed over its months.</summary>
    public IReadOnlyDictionary<string, int> SumByPrefix(ReportPeriod period, string prefix)
    {
        ArgumentNullException.ThrowIfNull(period);
        var sums = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var month in period.Months())
        {
            foreach (var (key, count) in Month(month).Where(pair => pair.Key.StartsWith(prefix, StringComparison.Ordinal)))
            {
                sums[key] = sums.GetValueOrDefault(key) + count;
            }
        }

        return sums;
    }

    /// <summary>The non-zero counters, for comparing a running count with a recount.</summary>
    public IReadOnlyDictionary<(DateOnly Month, string Key), int> NonZero() =>
        _months.SelectMany(month => month.Value.Where(pair => pair.Value != 0).Select(pair => (Key: (month.Key, pair.Key), pair.Value)))
            .ToDictionary(pair => pair.Key, pair => pair.Value);
}
