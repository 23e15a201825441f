using System.Text.RegularExpressions;
using PartnerHub.Core.Localization;

namespace PartnerHub.Tests.Shared;

/// <summary>
/// Recognisers for dates and times that are not PartnerHub's house style in a given language. The names, the time
/// separator and the date–time glue are read off Core's <see cref="CopenhagenDates"/>, so the checks follow the one
/// formatter rather than a second copy of it.
/// </summary>
internal static class HouseDateStyle
{
    private static readonly DateOnly ASunday = new(2026, 1, 4);
    private static readonly DateTimeOffset AnInstant = new(2026, 1, 5, 13, 5, 0, TimeSpan.Zero);

    private static readonly Lazy<IReadOnlyList<(Regex Pattern, string Reason)>> AnyLanguage = new(ForAnyLanguage);
    private static readonly Lazy<IReadOnlyList<(Regex Pattern, string Reason)>> Danish = new(() => ForOneLanguage(Languages.Danish));
    private static readonly Lazy<IReadOnlyList<(Regex Pattern, string Reason)>> English = new(() => ForOneLanguage(Languages.English));
    private static readonly Lazy<Regex> DanishDate = new(() => FullDate(Languages.Danish));
    private static readonly Lazy<Regex> EnglishDate = new(() => FullDate(Languages.English));

    /// <summary>Template date functions, which the Teams client fills in its own locale and zone: wrong in any text or value.</summary>
    public static Regex ClientFormatted { get; } = new(@"\{\{\s*(DATE|TIME)\s*\(", RegexOptions.CultureInvariant);

    /// <summary>Day names as Core writes them, Sunday first.</summary>
    public static IReadOnlyList<string> Days(string language) =>
        [.. Enumerable.Range(0, 7).Select(i => CopenhagenDates.Date(ASunday.AddDays(i), language).Split(' ')[0])];

    /// <summary>Month names as Core writes them, January first ("onsdag 1. januar 2026" → "januar").</summary>
    public static IReadOnlyList<string> Months(string language) =>
        [.. Enumerable.Range(1, 12).Select(m => CopenhagenDates.Date(new DateOnly(2026, m, 1), language).Split(' ')[2])];

    /// <summary>'.' in Danish ("14.05"), ':' in English ("14:05").</summary>
    public static char TimeSeparator(string language) => CopenhagenDates.Time(AnInstant, language)[2];

    /// <summary>What joins a date and its time: " kl. " in Danish, ", " in English.</summary>
    public static string DateTimeGlue(string language)
    {
        var both = CopenhagenDates.DateAndTime(AnInstant, language);
        var date = CopenhagenDates.Date(AnInstant, language);
        var time = CopenhagenDates.Time(AnInstant, language);
        return both[date.Length..^time.Length];
    }

    /// <summary>
    /// Every offence in one visible text as "what: fragment". Without a language only what is wrong in both (US forms,
    /// abbreviations, AM/PM, numeric dates) is checked.
    /// </summary>
    public static IEnumerable<string> Offences(string text, string? language)
    {
        var rules = AnyLanguage.Value.Concat(language switch
        {
            Languages.Danish => Danish.Value,
            Languages.English => English.Value,
            _ => [],
        });
        foreach (var (pattern, reason) in rules)
        {
            foreach (Match match in pattern.Matches(text))
            {
                yield return $"{reason}: \"{match.Value}\"";
            }
        }

        if (language is Languages.Danish or Languages.English)
        {
            foreach (var wrong in DatesNotAsCoreWritesThem(text, language))
            {
                yield return wrong;
            }
        }
    }

    /// <summary>
    /// The language's full dates ("fredag 20. november 2026"), found with a pattern made from one of Core's, must be
    /// what Core writes for that day: a weekday that does not fit the date, or a day that does not exist, is wrong.
    /// </summary>
    public static IEnumerable<string> DatesNotAsCoreWritesThem(string text, string language)
    {
        var fullDate = language == Languages.English ? EnglishDate.Value : DanishDate.Value;
        foreach (Match match in fullDate.Matches(text))
        {
            var month = Months(language).ToList().IndexOf(match.Groups["month"].Value) + 1;
            var year = int.Parse(match.Groups["year"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var day = int.Parse(match.Groups["day"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var expected = day <= DateTime.DaysInMonth(year, month) ? CopenhagenDates.Date(new DateOnly(year, month, day), language) : null;
            if (expected != match.Value)
            {
                yield return $"not the date Core writes: \"{match.Value}\"" + (expected is null ? " (no such day)" : $" (expected \"{expected}\")");
            }
        }
    }

    /// <summary>Core's date for one day with its parts made into groups: "(?&lt;weekday&gt;…) (?&lt;day&gt;\d{1,2})\. (?&lt;month&gt;…) (?&lt;year&gt;\d{4})".</summary>
    private static Regex FullDate(string language)
    {
        var day = new DateOnly(2026, 12, 9);
        var pattern = Regex.Escape(CopenhagenDates.Date(day, language))
            .Replace(Regex.Escape(Days(language)[(int)day.DayOfWeek]), $"(?<weekday>{Alternation(Days(language))})", StringComparison.Ordinal)
            .Replace(Regex.Escape(Months(language)[day.Month - 1]), $"(?<month>{Alternation(Months(language))})", StringComparison.Ordinal)
            .Replace("2026", @"(?<year>\d{4})", StringComparison.Ordinal)
            .Replace("9", @"(?<day>\d{1,2})", StringComparison.Ordinal);
        return Rx($@"\b{pattern}\b");
    }

    private static List<(Regex, string)> ForAnyLanguage()
    {
        var months = Months(Languages.English);

        // "May" is its own abbreviation and a house-style name; only its US order ("May 9") is wrong.
        var monthAbbreviations = Alternation(months.Where(m => m.Length > 3).Select(m => m[..3]));
        var dayAbbreviations = Alternation(Days(Languages.English).Select(d => d[..3]));
        return
        [
            (ClientFormatted, "{{DATE()}}/{{TIME()}} follows the Teams client, not the card's language"),
            // Not a referral's reference: "H-" and four characters of its random id, which may read "H-27PM".
            (Rx(@"(?<!\bH-)\b\d{1,2}(?:[:.]\d{2})?\s*[AaPp]\.?[Mm]\b\.?"), "12-hour time with AM/PM"),
            (Rx($@"\b(?:{monthAbbreviations})\b\.?\s*\d{{1,2}}\b|\b\d{{1,2}}\.?\s+(?:{monthAbbreviations})\b(?!\.?\s*\p{{L}})"), "abbreviated month"),
            (Rx($@"\b(?:{dayAbbreviations})\b\.?(?=,|\s+\d)"), "abbreviated day"),
            (Rx($@"\b(?:{Alternation(months)})\s+\d{{1,2}}\b(?!\d)"), "US month-before-day order"),
            (Rx(@"(?<![\d.\-/])(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2}))(?![\d\-/]|\.\d)"), "numeric date (house style spells the month)"),
        ];
    }

    private static List<(Regex, string)> ForOneLanguage(string language)
    {
        var other = language == Languages.Danish ? Languages.English : Languages.Danish;
        var otherName = other == Languages.Danish ? "Danish" : "English";
        var months = Months(language);
        var otherMonths = Months(other);

        // Names both languages share (april, november …) differ only in case and in the dot after the day.
        var ownOnly = otherMonths.Where(m => !months.Contains(m, StringComparer.OrdinalIgnoreCase));
        var shared = otherMonths.Where(m => months.Contains(m, StringComparer.OrdinalIgnoreCase));
        var options = other == Languages.Danish ? RegexOptions.IgnoreCase : RegexOptions.None;
        var separator = TimeSeparator(language);
        var wrongSeparator = TimeSeparator(other);
        var otherGlue = DateTimeGlue(other).Trim();
        var rules = new List<(Regex, string)>
        {
            (Rx($@"\b(?:{Alternation(Days(other))})\b", options), $"{otherName} day name"),
            (Rx($@"\b(?:{Alternation(ownOnly)})\b", options), $"{otherName} month name"),
            (Rx(other == Languages.Danish
                ? $@"\b\d{{1,2}}\.\s+(?:{Alternation(shared)})\b"
                : $@"\b\d{{1,2}}\s+(?:{Alternation(shared)})\b", RegexOptions.IgnoreCase), $"{otherName} day-month form"),
            (Rx($@"(?<![\d{Regex.Escape(wrongSeparator.ToString())}])(?:[01]?\d|2[0-3]){Regex.Escape(wrongSeparator.ToString())}[0-5]\d(?![\d{Regex.Escape(wrongSeparator.ToString())}])"),
                $"time written with '{wrongSeparator}' instead of '{separator}'"),
        };
        if (otherGlue.Length > 1)
        {
            // " kl. " is unmistakable; an English ", " is not, and its time is caught by the separator instead.
            rules.Add((Rx($@"\b{Regex.Escape(otherGlue)}(?!\w)"), $"{otherName} '{otherGlue}' before a time"));
        }

        return rules;
    }

    private static string Alternation(IEnumerable<string> words) => string.Join('|', words.Select(Regex.Escape));

    private static Regex Rx(string pattern, RegexOptions options = RegexOptions.None) =>
        new(pattern, options | RegexOptions.CultureInvariant);
}
