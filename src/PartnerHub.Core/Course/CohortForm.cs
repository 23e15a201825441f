using System.Globalization;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Core.Course;

/// <summary>
/// The new-cohort form exactly as a card or REST call sends it: strings, unvalidated. Date and times are Copenhagen
/// wall-clock time.
/// </summary>
public sealed record CohortFormInput
{
    public string? Name { get; init; }

    /// <summary>yyyy-MM-dd (Input.Date): the first session.</summary>
    public string? StartDate { get; init; }

    /// <summary>The weekday's English name (Input.ChoiceSet value), e.g. "Tuesday".</summary>
    public string? Weekday { get; init; }

    /// <summary>HH:mm (Input.Time).</summary>
    public string? StartTime { get; init; }

    /// <summary>HH:mm, the same day.</summary>
    public string? EndTime { get; init; }

    public string? Place { get; init; }

    /// <summary>How many sessions (one a week): a whole number 1..30.</summary>
    public string? Weeks { get; init; }
}

/// <summary>A valid cohort form: what a plan is generated from.</summary>
public sealed record ValidCohortForm(string Name, DateOnly StartDate, DayOfWeek Weekday, TimeOnly StartTime, TimeOnly EndTime, string Place, int Weeks);

/// <summary>
/// Validates the cohort form at the edge, as <see cref="SessionForm"/> does: one error code per field id, for the card
/// beside its field and for REST in problem details, in the reader's language.
/// </summary>
public static class CohortForm
{
    public const int MaxNameLength = 80;
    public const int MaxPlaceLength = 200;
    public const int MinWeeks = 1;
    public const int MaxWeeks = 30;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(8);

    /// <summary>How far ahead a course may start.</summary>
    public const int MaxDaysAhead = 366;

    public static class Fields
    {
        public const string Name = "name";
        public const string StartDate = "startDate";
        public const string Weekday = "weekday";
        public const string StartTime = "startTime";
        public const string EndTime = "endTime";
        public const string Place = "place";
        public const string Weeks = "weeks";
    }

    /// <param name="now">The time of the request (the injected clock): a course may not start before today.</param>
    public static (ValidCohortForm? Form, IReadOnlyDictionary<string, string> Errors) Validate(CohortFormInput input, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);

        var name = Text(input.Name, Fields.Name, MaxNameLength, errors);
        var place = Text(input.Place, Fields.Place, MaxPlaceLength, errors);
        var weekday = ParseWeekday(input.Weekday, errors);
        var startDate = ParseStartDate(input.StartDate, now, errors);
        if (startDate is { } date && weekday is { } day && date.DayOfWeek != day)
        {
            errors[Fields.StartDate] = CourseErrors.WeekdayMismatch;
        }

        var startTime = ParseTime(input.StartTime, Fields.StartTime, errors);
        var endTime = ParseTime(input.EndTime, Fields.EndTime, errors);
        if (startTime is { } s && endTime is { } e)
        {
            if (e <= s)
            {
                errors[Fields.EndTime] = CourseErrors.EndNotAfterStart;
            }
            else if (e - s > MaxDuration)
            {
                errors[Fields.EndTime] = CourseErrors.DurationTooLong;
            }
        }

        var weeks = ParseWeeks(input.Weeks, errors);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new ValidCohortForm(name!, startDate!.Value, weekday!.Value, startTime!.Value, endTime!.Value, place!, weeks!.Value), errors);
    }

    /// <summary>
    /// A correction of the cohort's name or place (GDPR Art. 16; null leaves it as it is), checked by the form's own
    /// rule for each: the plan with them corrected, or the errors by the form's field ids.
    /// </summary>
    public static PlanResult Correct(CoursePlan plan, string? name, string? place)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var corrected = plan with
        {
            CohortName = name is null ? plan.CohortName : Text(name, Fields.Name, MaxNameLength, errors) ?? string.Empty,
            Place = place is null ? plan.Place : Text(place, Fields.Place, MaxPlaceLength, errors) ?? string.Empty,
        };
        return errors.Count > 0 ? new PlanResult(null, errors) : PlanResult.Ok(corrected);
    }

    private static string? Text(string? raw, string field, int maxLength, Dictionary<string, string> errors)
    {
        var text = Clean(raw);
        if (text is null)
        {
            errors[field] = CourseErrors.Required;
        }
        else if (text.Length > maxLength)
        {
            errors[field] = CourseErrors.TooLong;
        }
        else if (SessionForm.LooksLikeCpr(text))
        {
            // The name and place go to every teacher's Outlook and onto certificates: never a CPR number.
            errors[field] = CourseErrors.LooksLikeCpr;
        }

        return text;
    }

    private static DayOfWeek? ParseWeekday(string? raw, Dictionary<string, string> errors)
    {
        if (Clean(raw) is not { } text)
        {
            errors[Fields.Weekday] = CourseErrors.Required;
            return null;
        }

        // Names only: Enum.TryParse would also take "2" or "Tuesday, Friday".
        if (Array.Find(Enum.GetNames<DayOfWeek>(), n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)) is { } name)
        {
            return Enum.Parse<DayOfWeek>(name);
        }

        errors[Fields.Weekday] = CourseErrors.UnknownValue;
        return null;
    }

    private static DateOnly? ParseStartDate(string? raw, DateTimeOffset now, Dictionary<string, string> errors)
    {
        if (Clean(raw) is not { } text)
        {
            errors[Fields.StartDate] = CourseErrors.Required;
            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors[Fields.StartDate] = CourseErrors.InvalidDate;
            return null;
        }

        var today = CopenhagenTime.DateOf(now);
        if (date < today)
        {
            errors[Fields.StartDate] = CourseErrors.InPast;
            return null;
        }

        if (date > today.AddDays(MaxDaysAhead))
        {
            errors[Fields.StartDate] = CourseErrors.TooFarAhead;
            return null;
        }

        return date;
    }

    /// <summary>HH:mm (some clients add seconds), the one time format every form accepts.</summary>
    internal static TimeOnly? ParseTime(string? raw, string field, Dictionary<string, string> errors)
    {
        if (Clean(raw) is not { } text)
        {
            errors[field] = CourseErrors.Required;
            return null;
        }

        if (TimeOnly.TryParseExact(text, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        errors[field] = CourseErrors.InvalidTime;
        return null;
    }

    private static int? ParseWeeks(string? raw, Dictionary<string, string> errors)
    {
        if (Clean(raw) is not { } text)
        {
            errors[Fields.Weeks] = CourseErrors.Required;
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var weeks) && weeks is >= MinWeeks and <= MaxWeeks)
        {
            return weeks;
        }

        errors[Fields.Weeks] = CourseErrors.WeeksOutOfRange;
        return null;
    }

    internal static string? Clean(string? raw) => string.IsNullOrWhiteSpace(raw) ? null : raw.Trim();
}
