namespace PartnerHub.EndToEnd.Tests;

/// <summary>The bot's contract as a Teams user sees it (cards/strings.da.json, strings.en.json), spelled out on purpose: a change to these words should fail here.</summary>
public static class BotTexts
{
    public const string WelcomeTitleEnglish = "Welcome to PartnerHub";

    /// <summary>
    /// Only installationUpdate welcomes, in its locale; the Playground's says en-US, so the welcome is English.
    /// A Danish welcome here would mean the bot answered the locale-less conversationUpdate instead.
    /// </summary>
    public static readonly IReadOnlyList<string> WelcomeTitles = [WelcomeTitleEnglish];

    public const string HelpTitleDanish = "Hvad kan PartnerHub?";
    public const string HelpTitleEnglish = "What can PartnerHub do?";
    public const string ShowInEnglish = "Show in English";
    public const string ShowInDanish = "Vis på dansk";
    public const string HelpLanguageVerb = "help.language";
}
