using System.Globalization;

namespace PartnerHub.Core.Reporting;

public enum ReportPeriodKind
{
    Quarter,
    Year,
    Custom,
}

/// <summary>
/// Whole Copenhagen calendar months, first to last inclusive: the counters are kept per month, so a report never needs
/// anything finer. A quarter, a year, or a custom run of months (at most five years).
/// </summary>
public sealed record ReportPeriod
{
    public const int MaxMonths = 60;

    private ReportPeriod(ReportPeriodKind kind, DateOnly firstMonth, DateOnly lastMonth)
    {
        Kind = kind;
        FirstMonth = firstMonth;
        LastMonth = lastMonth;
    }

    public ReportPeriodKind Kind { get; }

    /// <summary>The first day of the first month.</summary>
    public DateOnly FirstMonth { get; }

    /// <summary>The first day of the last month.</summary>
    public DateOnly LastMonth { get; }

    /// <summary>The last day of the period, inclusive.</summary>
    public DateOnly LastDay => LastMonth.AddMonths(1).AddDays(-1);

    public static ReportPeriod Quarter(int year, int quarter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        var first = new DateOnly(year, ((quarter - 1) * 3) + 1, 1);
        return new ReportPeriod(ReportPeriodKind.Quarter, first, first.AddMonths(2));
    }

    public static ReportPeriod Year(int year) => new(ReportPeriodKind.Year, new DateOnly(year, 1, 1), new DateOnly(year, 12, 1));

    /// <summary>Null when the months are reversed or the run is longer than <see cref="MaxMonths"/>.</summary>
    public static ReportPeriod? Custom(DateOnly firstMonth, DateOnly lastMonth)
    {
        var first = new DateOnly(firstMonth.Year, firstMonth.Month, 1);
        var last = new DateOnly(lastMonth.Year, lastMonth.Month, 1);
        var months = ((last.Year - first.Year) * 12) + last.Month - first.Month + 1;
        return months is < 1 or > MaxMonths ? null : new ReportPeriod(ReportPeriodKind.Custom, first, last);
    }

    /// <summary>Each month's first day, in order.</summary>
    public IEnumerable<DateOnly> Months()
    {
        for (var month = FirstMonth; month <= LastMonth; month = month.AddMonths(1))
        {
            yield return month;
        }
    }

    /// <summary>The counters' month key, "yyyy-MM".</summary>
    public static string MonthKey(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public bool Contains(DateOnly day) => day >= FirstMonth && day <= LastDay;

    /// <summary>The period as the REST API and the tab name it: "2026-Q3", "2026", "2026-01..2026-06".</summary>
    public override string ToString() => Kind switch
    {
        ReportPeriodKind.Quarter => $"{FirstMonth.Year}-Q{((FirstMonth.Month - 1) / 3) + 1}",
        ReportPeriodKind.Year => FirstMonth.Year.ToString(CultureInfo.InvariantCulture),
        _ => MonthKey(FirstMonth) + ".." + MonthKey(LastMonth),
    };

    /// <summary>Reads <see cref="ToString"/>'s forms (years 2000–2100 only); anything else is null.</summary>
    public static ReportPeriod? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 16)
        {
            return null;
        }

        if (text.Length == 4 && Year4(text) is { } year)
        {
            return Year(year);
        }

        if (text.Length == 7 && text[4..6] == "-Q" && Year4(text[..4]) is { } y && text[6] is >= '1' and <= '4')
        {
            return Quarter(y, text[6] - '0');
        }

        var parts = text.Split("..");
        return parts.Length == 2 && Month(parts[0]) is { } first && Month(parts[1]) is { } last ? Custom(first, last) : null;
    }

    private static int? Year4(string text) =>
        text.Length == 4 && text.All(char.IsAsciiDigit) && int.Parse(text, CultureInfo.InvariantCulture) is var y and >= 2000 and <= 2100 ? y : null;

    private static DateOnly? Month(string text) =>
        text.Length == 7 && text[4] == '-' && Year4(text[..4]) is { } year && text[5..].All(char.IsAsciiDigit)
            && int.Parse(text[5..], CultureInfo.InvariantCulture) is var month and >= 1 and <= 12
            ? new DateOnly(year, month, 1)
            : null;
}
