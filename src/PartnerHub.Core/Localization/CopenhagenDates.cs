namespace PartnerHub.Core.Localization;

/// <summary>
/// The one way PartnerHub writes a date or time for a reader: Copenhagen wall-clock time, in the reader's language,
/// always the same style (the tab's): "onsdag 9. december 2026 kl. 14.00–16.00" / "Wednesday 9 December 2026,
/// 14:00–16:00". Cards get these strings from the server instead of {{DATE()}}/{{TIME()}}, which follow the Teams
/// client's locale and zone, not the card's language. Names are spelled out here so the result never depends on the
/// host's ICU data.
/// </summary>
public static class CopenhagenDates
{
    private static readonly string[] DanishDays = ["søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"];
    private static readonly string[] EnglishDays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    private static readonly string[] DanishMonths =
        ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"];

    private static readonly string[] EnglishMonths =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>"onsdag 9. december 2026" / "Wednesday 9 December 2026".</summary>
    public static string Date(DateOnly date, string language) => IsEnglish(language)
        ? $"{EnglishDays[(int)date.DayOfWeek]} {date.Day} {EnglishMonths[date.Month - 1]} {date.Year}"
        : $"{DanishDays[(int)date.DayOfWeek]} {date.Day}. {DanishMonths[date.Month - 1]} {date.Year}";

    /// <summary>"marts 2026" / "March 2026": a month, as a course's or a report's period is named.</summary>
    public static string MonthYear(DateOnly date, string language) => IsEnglish(language)
        ? $"{EnglishMonths[date.Month - 1]} {date.Year}"
        : $"{DanishMonths[date.Month - 1]} {date.Year}";

    /// <summary>The Copenhagen date of an instant, as <see cref="Date(DateOnly, string)"/>.</summary>
    public static string Date(DateTimeOffset instant, string language) => Date(CopenhagenTime.DateOf(instant), language);

    /// <summary>"14.00" / "14:00", Copenhagen time.</summary>
    public static string Time(DateTimeOffset instant, string language)
    {
        var local = CopenhagenTime.ToLocal(instant);
        var separator = IsEnglish(language) ? ':' : '.';
        return $"{local.Hour:00}{separator}{local.Minute:00}";
    }

    /// <summary>"14.00–16.00" / "14:00–16:00": the times of a range whose day is shown beside it.</summary>
    public static string TimeRange(DateTimeOffset start, DateTimeOffset end, string language) =>
        Time(start, language) + "–" + Time(end, language);

    /// <summary>"onsdag 9. december 2026 kl. 14.00" / "Wednesday 9 December 2026, 14:00".</summary>
    public static string DateAndTime(DateTimeOffset instant, string language) =>
        Date(instant, language) + (IsEnglish(language) ? ", " : " kl. ") + Time(instant, language);

    /// <summary>
    /// "onsdag 9. december 2026 kl. 14.00–16.00" when both ends fall on one Copenhagen day; otherwise both ends in
    /// full: "onsdag 9. december 2026 kl. 22.00 – torsdag 10. december 2026 kl. 02.00".
    /// </summary>
    public static string Range(DateTimeOffset start, DateTimeOffset end, string language) =>
        CopenhagenTime.DateOf(start) == CopenhagenTime.DateOf(end)
            ? DateAndTime(start, language) + "–" + Time(end, language)
            : DateAndTime(start, language) + " – " + DateAndTime(end, language);

    private static bool IsEnglish(string language) => language == Languages.English;
}
