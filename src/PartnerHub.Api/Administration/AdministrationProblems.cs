using PartnerHub.Api.Rest;
using PartnerHub.Core.Localization;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Api.Administration;

/// <summary>400 problem details for the administration endpoints, each error in the caller's language (Accept-Language).</summary>
internal sealed class AdministrationProblems(CardCatalog catalog)
{
    public const string InvalidId = "invalidId";
    public const string InvalidText = "invalidText";
    public const string InvalidName = "invalidName";
    public const string Duplicate = "duplicate";

    // Codes the cards' formErrors have no (fitting) string for; the rest come from there, as for the directory.
    private static readonly Dictionary<string, (string Da, string En)> OwnMessages = new(StringComparer.Ordinal)
    {
        [InvalidId] = ("Ugyldigt id.", "Not a valid id."),
        [InvalidText] = ("Teksten indeholder tegn, der ikke er tilladt.", "The text contains characters that are not allowed."),
        [InvalidName] = ("Kun bogstaver – ingen tal eller tegn.", "Letters only – no digits or symbols."),
        [Duplicate] = ("Det samme område står der to gange.", "The same area is listed twice."),
    };

    public IResult Invalid(HttpContext http, IReadOnlyDictionary<string, string> errors)
    {
        var language = RestHeaders.Language(http.Request);
        var messages = errors.ToDictionary(
            e => e.Key,
            e => new[]
            {
                OwnMessages.TryGetValue(e.Value, out var own) ? (language == Languages.English ? own.En : own.Da)
                : e.Value.Contains('.', StringComparison.Ordinal) ? catalog.Text(language, e.Value) // a full strings path (the person check's)
                : catalog.Text(language, "formErrors." + e.Value),
            },
            StringComparer.Ordinal);
        return RestProblems.Validation(messages);
    }
}
