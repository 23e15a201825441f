namespace PartnerHub.Core.Localization;

/// <summary>
/// PartnerHub speaks Danish first and English second. Every card, page and message picks one of these two.
/// </summary>
public static class Languages
{
    public const string Danish = "da";
    public const string English = "en";

    /// <summary>
    /// The language rule, for every card, page and proactive message: the person's own choice when she has made one
    /// ("Vis på dansk / Show in English", or in the tab); otherwise her project's language; otherwise Danish. The Teams
    /// client's locale plays no part: many Danish municipalities run Teams in English.
    /// </summary>
    public static string For(string? personChoice, string? projectLanguage) =>
        TryParse(personChoice, out var chosen) ? chosen
        : TryParse(projectLanguage, out var project) ? project
        : Danish;

    /// <summary>English when the locale says so (en, en-US, en-GB …); Danish for everything else, including none.</summary>
    public static string FromLocale(string? locale) =>
        locale is not null && (locale.Equals(English, StringComparison.OrdinalIgnoreCase)
            || locale.StartsWith("en-", StringComparison.OrdinalIgnoreCase))
            ? English
            : Danish;

    /// <summary>Accepts exactly "da" or "en" (any case), the values a card sends back; anything else is refused.</summary>
    public static bool TryParse(string? value, out string language)
    {
        if (string.Equals(value, Danish, StringComparison.OrdinalIgnoreCase))
        {
            language = Danish;
            return true;
        }

        if (string.Equals(value, English, StringComparison.OrdinalIgnoreCase))
        {
            language = English;
            return true;
        }

        language = Danish;
        return false;
    }
}
