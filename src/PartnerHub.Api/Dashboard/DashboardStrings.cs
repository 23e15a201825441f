using System.Globalization;
using PartnerHub.Api.Texts;
using PartnerHub.Core.Localization;

namespace PartnerHub.Api.Dashboard;

/// <summary>
/// The tab's strings, from strings.da.json and strings.en.json beside this file (embedded in the assembly), flattened
/// to dotted keys ("sessions.heading"). Danish is the default; one file per language, nothing hard-coded in components.
/// </summary>
public sealed class DashboardStrings
{
    private readonly Dictionary<string, DashboardText> _languages;

    public DashboardStrings()
    {
        _languages = new Dictionary<string, DashboardText>(StringComparer.Ordinal)
        {
            [Languages.Danish] = new DashboardText(Languages.Danish, Load(Languages.Danish)),
            [Languages.English] = new DashboardText(Languages.English, Load(Languages.English)),
        };
    }

    /// <summary>The strings of a language; anything but English (en, en-us, en-GB …) is Danish.</summary>
    public DashboardText For(string? language) => _languages[Languages.FromLocale(language)];

    internal static IReadOnlyDictionary<string, string> Load(string language) =>
        EmbeddedStrings.Load($"PartnerHub.Dashboard.strings.{language}.json");
}

/// <summary>One language's strings; dates through Core's <see cref="CopenhagenDates"/>, as on the cards.</summary>
public sealed class DashboardText(string language, IReadOnlyDictionary<string, string> strings)
{
    public string Language { get; } = language;

    public CultureInfo Culture { get; } = CultureInfo.GetCultureInfo(strings["date.culture"]);

    public IReadOnlyDictionary<string, string> All => strings;

    /// <exception cref="KeyNotFoundException">A key missing from the strings file: a bug the strings tests catch.</exception>
    public string this[string key] => strings[key];

    public string Format(string key, params object?[] args) => string.Format(Culture, strings[key], args);

    /// <summary>"tirsdag 14. april 2026 kl. 14.00–16.00" / "Tuesday 14 April 2026, 14:00–16:00", Copenhagen time: the cards' format.</summary>
    public string TimeRange(DateTimeOffset start, DateTimeOffset end) => CopenhagenDates.Range(start, end, Language);
}
