using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PartnerHub.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Checks a rendered card's text for the wrong language: the English strings of its parts of cards/strings.en.json that
/// have no Danish twin, US date and time formats, and template expressions left unresolved.
/// </summary>
public static partial class CardLanguage
{
    private static readonly Lazy<(JsonNode English, HashSet<string> Danish)> Strings = new(Load);

    /// <summary>
    /// The English-only texts under the given paths of strings.en.json (e.g. "referral.status", "states"), split at their
    /// {0} placeholders; fragments shorter than 4 characters say nothing and are left out.
    /// </summary>
    public static IReadOnlyList<string> EnglishOnly(params string[] paths)
    {
        var (english, danish) = Strings.Value;
        return paths
            .SelectMany(path => Leaves(path.Split('.').Aggregate((JsonNode?)english, (node, key) => node?[key])
                ?? throw new ArgumentException($"strings.en.json has no {path}.", nameof(paths))))
            .Where(text => !danish.Contains(text))
            .SelectMany(text => PlaceholderPattern().Split(text))
            .Select(fragment => fragment.Trim())
            .Where(fragment => fragment.Length >= 4 && !danish.Any(d => d.Contains(fragment, StringComparison.Ordinal)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>What is wrong with a Danish card's text: English-only strings, US dates or times, "${".</summary>
    public static IReadOnlyList<string> ProblemsInDanish(string cardText, IReadOnlyList<string> englishOnly)
    {
        ArgumentNullException.ThrowIfNull(cardText);
        ArgumentNullException.ThrowIfNull(englishOnly);
        var problems = englishOnly.Where(e => cardText.Contains(e, StringComparison.Ordinal)).Select(e => $"English \"{e}\"").ToList();
        problems.AddRange(UsDatePattern().Matches(cardText).Select(m => $"US date or time \"{m.Value}\""));
        if (cardText.Contains("${", StringComparison.Ordinal))
        {
            problems.Add("an unresolved \"${\"");
        }

        return problems;
    }

    /// <summary>A date in the Danish style the server writes (CopenhagenDates): "3. december 2026".</summary>
    public static string DanishDate(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Day}. {DanishMonths[date.Month - 1]} {date.Year}");

    /// <summary>Today in Copenhagen.</summary>
    public static DateOnly TodayInCopenhagen() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen")).DateTime);

    private static readonly string[] DanishMonths =
        ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"];

    private static IEnumerable<string> Leaves(JsonNode node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Value is null ? [] : Leaves(p.Value)),
        JsonArray array => array.SelectMany(v => v is null ? [] : Leaves(v)),
        JsonValue value when value.TryGetValue<string>(out var text) => [text],
        _ => [],
    };

    private static (JsonNode, HashSet<string>) Load()
    {
        var cards = Path.Combine(RepoPaths.Root, "cards");
        var english = JsonNode.Parse(File.ReadAllText(Path.Combine(cards, "strings.en.json")))!;
        var danish = JsonNode.Parse(File.ReadAllText(Path.Combine(cards, "strings.da.json")))!;
        return (english, Leaves(danish).ToHashSet(StringComparer.Ordinal));
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();

    /// <summary>English month abbreviations or names (Danish ones are lower-case), AM/PM, and M/d/yyyy.</summary>
    [GeneratedRegex(@"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|July|August|September|October|November|December)\b|\b[AP]M\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b")]
    private static partial Regex UsDatePattern();
}
