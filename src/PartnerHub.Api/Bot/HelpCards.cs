using System.Text.Json.Nodes;
using PartnerHub.Core.Localization;
using PartnerHub.Teams.Cards;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Bot;

/// <summary>The help, welcome and error cards, and the card actions on them.</summary>
public sealed class HelpCards(CardCatalog cards) : ICardActionHandler
{
    public const string ShowHelpVerb = "help.show";
    public const string HelpLanguageVerb = "help.language";
    public const string WelcomeLanguageVerb = "welcome.language";

    public IReadOnlyCollection<string> Verbs { get; } = [ShowHelpVerb, HelpLanguageVerb, WelcomeLanguageVerb];

    public JsonObject Help(string language) => cards.Render("help", [], language);

    public JsonObject Welcome(string language) => cards.Render("welcome", [], language);

    /// <summary>A card that says what went wrong, in the user's language, with a way back to help.</summary>
    public JsonObject Error(string language, string message, string? reference = null)
    {
        var data = new JsonObject { ["message"] = message };
        if (reference is not null)
        {
            data["reference"] = reference;
        }

        return cards.Render("error", data, language);
    }

    /// <summary>A user-facing text from the strings file, e.g. "error.unknownAction".</summary>
    public string Text(string language, string path) => cards.Text(language, path);

    public Task<InvokeResponse> HandleAsync(CardActionContext context, CancellationToken cancellationToken)
    {
        // A language switch must name a language we speak; anything else is bad data, answered beside the card.
        var requested = context.DataString("language");
        if (context.Verb is HelpLanguageVerb or WelcomeLanguageVerb && !Languages.TryParse(requested, out _))
        {
            return Task.FromResult(InvokeResponse.Error(400, "invalidLanguage", Text(context.Language, "error.invalidLanguage")));
        }

        var card = context.Verb switch
        {
            WelcomeLanguageVerb => Welcome(context.Language),
            _ => Help(context.Language),
        };
        return Task.FromResult(InvokeResponse.Card(card));
    }
}
