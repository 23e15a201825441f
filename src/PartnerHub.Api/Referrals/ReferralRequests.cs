using PartnerHub.Core.Referrals;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Api.Referrals;

/// <summary>
/// Reads the referral REST bodies into the workflow's input, with the cards' parsers (values in any case, never
/// numbers or lists), and words their error codes in the caller's language from the cards' strings.
/// </summary>
internal static class ReferralRequests
{
    // No list value can take this name: a list element the comma-separated form cannot carry losslessly becomes it,
    // so the form's own validation reports the field instead of silently reading something else.
    private const string UnrepresentableValue = "invalid-value";

    /// <summary>The transition's command, or the errors by field when the body does not name a valid one.</summary>
    public static (ReferralCommand? Command, Dictionary<string, string> Errors) CommandFor(TransitionRequest body)
    {
        var name = body.Action?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return (null, new Dictionary<string, string>(StringComparer.Ordinal) { ["action"] = ReferralForm.Errors.Required });
        }

        if (ReferralActionNames.Find(name) is not { } action)
        {
            return (null, new Dictionary<string, string>(StringComparer.Ordinal) { ["action"] = ReferralForm.Errors.UnknownValue });
        }

        // The same parser as the card actions. The notes' length is the workflow's rule.
        var (command, errors) = ReferralCommands.Parse(action, new ReferralCommandInput(body.Reason, body.MotherId, body.Outcome, body.Notes));
        return (command, new Dictionary<string, string>(errors, StringComparer.Ordinal));
    }

    public static ReferralFormInput FormInput(CreateReferralRequest body) => new()
    {
        FirstNameOrInitials = body.FirstName,
        Languages = JoinList(body.Languages),
        Area = body.Area,
        ContactChannel = body.ContactChannel,
        BestTime = body.BestTime,
        PhoneNumber = body.Phone,
        Needs = JoinList(body.Needs),
        Note = body.Note,
        ConsentGivenBy = body.ConsentGivenBy,
        ConsentMethod = body.ConsentMethod,
        ConsentDate = body.ConsentDate,
        ConsentLanguage = body.ConsentLanguage,
        ConsentConfirmed = body.ConsentConfirmed is true ? "true" : "false",
    };

    /// <summary>The form takes multi-selects comma-separated, as a card sends them; an element that would split or vanish is refused by it.</summary>
    public static string? JoinList(IReadOnlyList<string?>? values) =>
        values is null
            ? null
            : string.Join(',', values.Select(v => string.IsNullOrWhiteSpace(v) || v.Contains(',', StringComparison.Ordinal) ? UnrepresentableValue : v.Trim()));

    /// <summary>Error codes by field as messages in the caller's language, from the same strings as the form card.</summary>
    public static Dictionary<string, string[]> Messages(CardCatalog catalog, string language, IReadOnlyDictionary<string, string> errors) =>
        errors.ToDictionary(e => e.Key, e => new[] { catalog.Text(language, "formErrors." + e.Value) }, StringComparer.Ordinal);
}
