using System.Globalization;
using PartnerHub.Core.Course;
using PartnerHub.Api.Texts;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Reporting;

namespace PartnerHub.Api.Reporting;

/// <summary>
/// The funder report's words in both languages, from strings.da.json and strings.en.json beside this file (embedded),
/// flattened to dotted keys as the tab's strings are. The language rule is Core's <see cref="Languages.FromLocale"/>:
/// anything but English is Danish.
/// </summary>
public sealed class ReportTexts
{
    private readonly Dictionary<string, ReportText> _languages;

    public ReportTexts()
    {
        _languages = new Dictionary<string, ReportText>(StringComparer.Ordinal)
        {
            [Languages.Danish] = new ReportText(Languages.Danish, Load(Languages.Danish)),
            [Languages.English] = new ReportText(Languages.English, Load(Languages.English)),
        };
    }

    public ReportText For(string? language) => _languages[Languages.FromLocale(language)];

    internal static IReadOnlyDictionary<string, string> Load(string language) =>
        EmbeddedStrings.Load($"PartnerHub.Reporting.strings.{language}.json");
}

/// <summary>
/// One language's report words: labels for table ids, figure ids and row/column keys, the period, and how a number
/// is written. A hidden table cell is always the one mark (never "&lt;5": two such cells beside a shown total would
/// pin them); a hidden single figure is "&lt;{threshold}".
/// </summary>
public sealed class ReportText(string language, IReadOnlyDictionary<string, string> strings)
{
    public string Language { get; } = language;

    public CultureInfo Culture { get; } = CultureInfo.GetCultureInfo(strings["culture"]);

    public IReadOnlyDictionary<string, string> All => strings;

    /// <exception cref="KeyNotFoundException">A key missing from the strings file: a bug the strings tests catch.</exception>
    public string this[string key] => strings[key];

    public string Format(string key, params object?[] args) => string.Format(Culture, strings[key], args);

    /// <summary>The mark for every hidden table cell.</summary>
    public string Mark => strings["mark"];

    public string Legend(int threshold) => Format("legendFor", threshold);

    public string TableTitle(string tableId) => Label("tables." + tableId, tableId);

    public string FigureTitle(string figureId) => Label("figures." + figureId, figureId);

    /// <summary>A row or column key's label; a key without one shows as itself (the strings tests forbid that).</summary>
    public string Key(string key) => TryKey(key) ?? key;

    /// <summary>Null when the key has no label in this language.</summary>
    public string? TryKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.StartsWith("month.", StringComparison.Ordinal) && ParseMonth(key["month.".Length..]) is { } month)
        {
            return CopenhagenDates.MonthYear(month, Language);
        }

        if (key.StartsWith("topic.", StringComparison.Ordinal))
        {
            return ThemeCatalogue.Default.Find(key["topic.".Length..])?.Title.For(Language);
        }

        return strings.TryGetValue("keys." + key, out var label) ? label : null;
    }

    /// <summary>"3. kvartal 2026" / "Q3 2026", "2026", "januar–juni 2026", "november 2026–februar 2027".</summary>
    public string Period(ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        switch (period.Kind)
        {
            case ReportPeriodKind.Quarter:
                return Format("quarter", ((period.FirstMonth.Month - 1) / 3) + 1, period.FirstMonth.Year);
            case ReportPeriodKind.Year:
                return period.FirstMonth.Year.ToString(CultureInfo.InvariantCulture);
            default:
                var last = CopenhagenDates.MonthYear(period.LastMonth, Language);
                if (period.FirstMonth == period.LastMonth)
                {
                    return last;
                }

                var first = CopenhagenDates.MonthYear(period.FirstMonth, Language);
                return period.FirstMonth.Year == period.LastMonth.Year ? MonthOnly(first) + "–" + last : first + "–" + last;
        }
    }

    /// <summary>A table cell or total: the count, or the mark.</summary>
    public string Cell(ReportCell cell) => cell.Count is { } count ? Number(count) : Mark;

    public string Number(int count) => count.ToString("N0", Culture);

    /// <summary>A single figure as read: "12", "4,5 dage", "82 %"; hidden as "&lt;5" or, for a median or rate, its hidden basis.</summary>
    public string Figure(ReportFigure figure, int threshold)
    {
        ArgumentNullException.ThrowIfNull(figure);
        if (figure.IsSuppressed)
        {
            return figure.Kind == ReportFigureKind.Count ? Format("hiddenFigure", threshold) : Format("hiddenBasis", threshold);
        }

        if (figure.Kind == ReportFigureKind.Count)
        {
            return Cell(figure.Basis);
        }

        if (figure.Value is not { } value)
        {
            return strings["nothingToMeasure"];
        }

        return figure.Kind == ReportFigureKind.MedianDays
            ? Format(value == 1 ? "day" : "days", value.ToString("0.#", Culture))
            : Format("percent", Math.Round(value).ToString("0", Culture));
    }

    /// <summary>The label of a table's total line: mentions, when a row can count a case twice.</summary>
    public string Total(ReportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.CountsMentions ? strings["totalMentions"] : strings["total"];
    }

    private string Label(string key, string fallback) => strings.TryGetValue(key, out var label) ? label : fallback;

    private static string MonthOnly(string monthYear) => monthYear[..monthYear.LastIndexOf(' ')];

    private static DateOnly? ParseMonth(string text) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) ? month : null;
}
