using System.Globalization;
using PartnerHub.Api.Course;
using PartnerHub.Core.Course;

namespace PartnerHub.Api.Dashboard.Course;

/// <summary>
/// The settings form's values as she typed them. <see cref="ToSettings"/> turns them into <see cref="CourseSettings"/>
/// with the errors of what could not be read (by the service's field names); the catalogue is passed through unchanged.
/// </summary>
public sealed class CourseSettingsModel
{
    public static class Fields
    {
        public const string MinimumPercent = "completion.minimumPercent";
        public const string RemindAfterDays = "reminders.remindAfterDays";
        public const string EscalateAfterDays = "reminders.escalateAfterDays";
        public const string Holidays = "schoolHolidays.holidays";

        /// <summary>The range's own error (CourseSettings.Validate) is shown beside its "to" date.</summary>
        public static string Holiday(int index) => $"schoolHolidays.holidays[{index}]";

        public static string Holiday(int index, string part) => $"schoolHolidays.holidays[{index}].{part}";
    }

    private ThemeCatalogueOverride _catalogue = new();

    public string MinimumPercent { get; set; } = string.Empty;

    public bool ExcusedCountsAsPresent { get; set; }

    public string RemindAfterDays { get; set; } = string.Empty;

    public string EscalateAfterDays { get; set; } = string.Empty;

    public List<HolidayRow> Holidays { get; } = [];

    public static CourseSettingsModel From(CourseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var model = new CourseSettingsModel
        {
            _catalogue = settings.Catalogue,
            MinimumPercent = settings.Completion.MinimumPercent.ToString(CultureInfo.InvariantCulture),
            ExcusedCountsAsPresent = settings.Completion.ExcusedCountsAsPresent,
            RemindAfterDays = settings.Reminders.RemindAfterDays.ToString(CultureInfo.InvariantCulture),
            EscalateAfterDays = settings.Reminders.EscalateAfterDays.ToString(CultureInfo.InvariantCulture),
        };
        model.Holidays.AddRange(settings.SchoolHolidays.Holidays.Select(h => new HolidayRow
        {
            Kind = h.Kind.ToString(),
            From = Iso(h.From),
            To = Iso(h.To),
        }));
        return model;
    }

    /// <summary>
    /// The settings, and every error: what could not be read here and what the settings' own rule says about the rest
    /// (a number that is not one is read as 0, which that rule refuses at its field). Nothing is saved unless this is empty.
    /// </summary>
    public (CourseSettings Settings, IReadOnlyDictionary<string, string> Errors) ToSettings()
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var holidays = new List<SchoolHoliday>();
        for (var i = 0; i < Holidays.Count; i++)
        {
            var row = Holidays[i];
            var kind = Enum.TryParse<SchoolHolidayKind>(row.Kind, ignoreCase: false, out var k) && Enum.IsDefined(k) ? k : (SchoolHolidayKind?)null;
            var from = Date(row.From, Fields.Holiday(i, "from"), errors);
            var to = Date(row.To, Fields.Holiday(i, "to"), errors);
            if (kind is null)
            {
                errors[Fields.Holiday(i, "kind")] = string.IsNullOrWhiteSpace(row.Kind) ? CourseErrors.Required : CourseErrors.UnknownValue;
            }

            // A row that cannot be read keeps its place, so the indices of the rows after it still match the form.
            holidays.Add(new SchoolHoliday(kind ?? SchoolHolidayKind.Autumn, from ?? DateOnly.MinValue, to ?? from ?? DateOnly.MinValue));
        }

        var settings = new CourseSettings(
            new SchoolHolidayCalendar(holidays),
            _catalogue,
            new CompletionRule(Number(MinimumPercent), ExcusedCountsAsPresent),
            new BookingReminderPolicy(Number(RemindAfterDays), Number(EscalateAfterDays)));
        foreach (var (field, code) in settings.Validate())
        {
            // The rule's verdict on a placeholder (an unreadable date) is not hers to read: the reading error says it.
            errors.TryAdd(field, code);
        }

        foreach (var i in Enumerable.Range(0, Holidays.Count).Where(i => errors.ContainsKey(Fields.Holiday(i, "from")) || errors.ContainsKey(Fields.Holiday(i, "to"))))
        {
            errors.Remove(Fields.Holiday(i));
        }

        return (settings, errors);
    }

    private static int Number(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static DateOnly? Date(string text, string field, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors[field] = CourseErrors.Required;
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors[field] = CourseErrors.InvalidDate;
        return null;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>One school holiday as typed; <see cref="Key"/> keeps each row's inputs its own when one is removed.</summary>
    public sealed class HolidayRow
    {
        public Guid Key { get; } = Guid.NewGuid();

        public string Kind { get; set; } = string.Empty;

        public string From { get; set; } = string.Empty;

        public string To { get; set; } = string.Empty;
    }
}
