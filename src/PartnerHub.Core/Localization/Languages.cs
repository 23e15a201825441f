namespace PartnerHub.Core.Localization;

/// <summary>
/// PartnerHub speaks Danish first and English second. Every card, page and message picks one of these two.
/// </summary>
public static class Languages
{
    public const string Danish = "da";
    public const string English = "en";

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
