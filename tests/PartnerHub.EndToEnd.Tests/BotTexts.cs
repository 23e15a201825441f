namespace PartnerHub.EndToEnd.Tests;

/// <summary>The bot's contract as a Teams user sees it (cards/strings.da.json, strings.en.json), spelled out on purpose: a change to these words should fail here.</summary>
public static class BotTexts
{
    public const string WelcomeTitleDanish = "Velkommen til PartnerHub";
    public const string WelcomeTitleEnglish = "Welcome to PartnerHub";

    /// <summary>
    /// The welcome's language follows the locale of whichever install activity the bot handles first. The Playground sends
    /// installationUpdate with locale en-US and conversationUpdate with none (Danish), at the same moment, so either can win.
    /// </summary>
    public static readonly IReadOnlyList<string> WelcomeTitles = [WelcomeTitleDanish, WelcomeTitleEnglish];

    public const string HelpTitleDanish = "Hvad kan PartnerHub?";
    public const string HelpTitleEnglish = "What can PartnerHub do?";
    public const string ShowInEnglish = "Show in English";
    public const string ShowInDanish = "Vis på dansk";
    public const string HelpLanguageVerb = "help.language";
}
