using System.Text.Json.Nodes;
using PartnerHub.Api.Partners;
using PartnerHub.Core.Localization;
using PartnerHub.Teams.Cards;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Bot;

/// <summary>
/// The help, welcome and error cards, and the card actions on them. Someone in no project gets the newcomer card
/// (<see cref="Newcomers"/>) from these actions instead: help that lists what she cannot use would not help her.
/// </summary>
public sealed class HelpCards(CardCatalog cards, LanguageResolver languages, Newcomers newcomers, ICallerDirectory callers, ProjectStore projects) : ICardActionHandler
{
    public const string ShowHelpVerb = "help.show";
    public const string HelpLanguageVerb = "help.language";
    public const string WelcomeLanguageVerb = "welcome.language";

    public IReadOnlyCollection<string> Verbs { get; } = [ShowHelpVerb, HelpLanguageVerb, WelcomeLanguageVerb];

    public JsonObject Help(string language) => cards.Render("help", [], language);

    public JsonObject Welcome(string language) => cards.Render("welcome", [], language);

    /// <summary>
    /// The welcome, with what PartnerHub does for her in her role in her project (her first project when she is in
    /// several); the plain welcome when she is in none. Keyed reads: her memberships, the project's row.
    /// </summary>
    public async Task<JsonObject> WelcomeAsync(string? tenantId, string? objectId, string language, CancellationToken cancellationToken)
    {
        if (tenantId is not { Length: > 0 } || objectId is not { Length: > 0 }
            || await callers.MembershipsAsync(tenantId, objectId, cancellationToken) is not [var membership, ..]
            || await projects.FindAsync(membership.ProjectId, cancellationToken) is not { } project)
        {
            return Welcome(language);
        }

        var data = new JsonObject
        {
            ["project"] = project.Name,
            ["role"] = Text(language, "directory.roles." + membership.Role),
            ["roleIntro"] = Text(language, "welcome.roles." + membership.Role),
        };
        return cards.Render("welcome", data, language);
    }

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

    public async Task<InvokeResponse> HandleAsync(CardActionContext context, CancellationToken cancellationToken)
    {
        var language = context.Language;
        if (context.Verb is HelpLanguageVerb or WelcomeLanguageVerb)
        {
            // A language switch must name a language we speak; anything else is bad data, answered beside the card.
            if (!Languages.TryParse(context.DataString("language"), out language))
            {
                return InvokeResponse.Error(400, "invalidLanguage", Text(context.Language, "error.invalidLanguage"));
            }

            // "Vis på dansk / Show in English" is her choice from now on, for every card and page, not just this one.
            if (context.UserAadObjectId is { Length: > 0 } objectId)
            {
                await languages.RememberAsync(context.TenantId, objectId, language, cancellationToken);
            }
        }

        if (await newcomers.IsNewcomerAsync(context.TenantId, context.UserAadObjectId, cancellationToken))
        {
            return InvokeResponse.Card(await newcomers.CardAsync(context.TenantId, language, cancellationToken));
        }

        return InvokeResponse.Card(context.Verb == WelcomeLanguageVerb
            ? await WelcomeAsync(context.TenantId, context.UserAadObjectId, language, cancellationToken)
            : Help(language));
    }
}
