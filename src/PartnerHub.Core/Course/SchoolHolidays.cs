namespace PartnerHub.Core.Course;

/// <summary>The municipality's school holidays a course pauses for.</summary>
public enum SchoolHolidayKind
{
    Autumn,
    Christmas,
    Winter,
    Easter,
    Summer,
}

/// <summary>One school holiday, both ends included (e.g. autumn: Saturday 10 October to Sunday 18 October).</summary>
public sealed record SchoolHoliday(SchoolHolidayKind Kind, DateOnly From, DateOnly To)
{
    public bool Contains(DateOnly date) => date >= From && date <= To;
}

/// <summary>
/// A project's school holidays (configurable per project: each municipality sets its own). Pure: the ranges come from
/// the project's settings; <see cref="Validate"/> checks them at the edge.
/// </summary>
public sealed record SchoolHolidayCalendar(IReadOnlyList<SchoolHoliday> Holidays)
{
    /// <summary>Longer than any Danish school holiday (summer is about seven weeks): a typing error, not a holiday.</summary>
    public const int MaxDays = 60;

    public const int MaxHolidays = 40;

    public static readonly SchoolHolidayCalendar None = new([]);

    public SchoolHoliday? HolidayOn(DateOnly date) => Holidays.FirstOrDefault(h => h.Contains(date));

    public bool Equals(SchoolHolidayCalendar? other) => other is not null && Holidays.SequenceEqual(other.Holidays);

    public override int GetHashCode() => Holidays.Count;

    /// <summary>Errors by field ("holidays[i]"), empty when every range is acceptable.</summary>
    public static IReadOnlyDictionary<string, string> Validate(IReadOnlyList<SchoolHoliday> holidays)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (holidays.Count > MaxHolidays)
        {
            errors["holidays"] = CourseErrors.TooLong;
            return errors;
        }

        for (var i = 0; i < holidays.Count; i++)
        {
            var h = holidays[i];
            if (!Enum.IsDefined(h.Kind))
            {
                errors[$"holidays[{i}].kind"] = CourseErrors.UnknownValue;
            }

            if (h.To < h.From || h.To.DayNumber - h.From.DayNumber + 1 > MaxDays)
            {
                errors[$"holidays[{i}]"] = CourseErrors.InvalidRange;
            }
        }

        return errors;
    }
}
