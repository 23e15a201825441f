namespace PartnerHub.EndToEnd.Tests;

/// <summary>The bot's contract as a Teams user sees it (cards/strings.da.json, strings.en.json), spelled out on purpose: a change to these words should fail here.</summary>
public static class BotTexts
{
    public const string WelcomeTitle = "Velkommen til PartnerHub";
    public const string HelpTitleDanish = "Hvad kan PartnerHub?";
    public const string HelpTitleEnglish = "What can PartnerHub do?";
    public const string ShowInEnglish = "Show in English";
    public const string ShowInDanish = "Vis på dansk";
    public const string HelpLanguageVerb = "help.language";
}
