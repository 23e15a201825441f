using System.Globalization;
using System.Text.RegularExpressions;

namespace PartnerHub.Core.Partners;

/// <summary>An organisation as submitted (card form or REST body): every field a string, nothing trusted yet.</summary>
public sealed record OrganisationInput(string? Id, string? Name, string? Kind, string? ReceivesOnwardReferrals);

/// <summary>A person as submitted (card form or REST body): every field a string, nothing trusted yet.</summary>
public sealed record MemberInput(string? ObjectId, string? Role, string? OrganisationId, string? FirstName);

/// <summary>
/// Validation of the directory's changes, one rule for the card and REST alike, before anything reaches the store.
/// Errors are keyed by the form field they belong beside, and the value is the strings path of the message (the card
/// shows it beside the field, REST sends the same text in the problem's errors).
/// </summary>
public static partial class DirectoryForms
{
    public const int MaxNameLength = 100;
    public const int MaxFirstNameLength = 40;

    /// <summary>Organisation ids become row keys and card data, so they are plain slugs.</summary>
    public static bool IsValidOrganisationId(string? id) => Organisation.IsValidId(id);

    /// <summary>An Entra object id: a GUID in its usual 36-character form, lower-cased so one person is one row.</summary>
    public static string? NormaliseObjectId(string? value) =>
        value is not null && Guid.TryParseExact(value.Trim(), "D", out var guid) ? guid.ToString("D", CultureInfo.InvariantCulture) : null;

    public static Dictionary<string, string> Validate(OrganisationInput input, out Organisation? organisation, string projectId)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var id = input.Id?.Trim() ?? string.Empty;
        if (id.Length == 0)
        {
            errors["id"] = "formErrors.required";
        }
        else if (!IsValidOrganisationId(id))
        {
            errors["id"] = "directory.errors.invalidId";
        }

        var name = CleanText(input.Name);
        if (name is null)
        {
            errors["name"] = "directory.errors.invalidText";
        }
        else if (name.Length == 0)
        {
            errors["name"] = "formErrors.required";
        }
        else if (name.Length > MaxNameLength)
        {
            errors["name"] = "formErrors.tooLong";
        }
        else if (name.Any(char.IsControl))
        {
            errors["name"] = "directory.errors.invalidText";
        }

        var kind = ParseEnum<OrganisationKind>(input.Kind);
        if (kind is null)
        {
            errors["kind"] = string.IsNullOrWhiteSpace(input.Kind) ? "formErrors.required" : "formErrors.unknownValue";
        }

        // A toggle sends exactly its valueOn or valueOff; anything else did not come from our card.
        var onward = input.ReceivesOnwardReferrals switch
        {
            "true" => true,
            "false" or null or "" => (bool?)false,
            _ => null,
        };
        if (onward is null)
        {
            errors["receivesOnwardReferrals"] = "formErrors.unknownValue";
        }

        organisation = errors.Count == 0 ? new Organisation(id, projectId, kind!.Value, name!, onward!.Value) : null;
        return errors;
    }

    /// <param name="objectId">Already established by the caller: a normalised GUID for a new person, the stored id for an existing one.</param>
    /// <param name="organisations">The project's organisations: partner staff must work for one of them.</param>
    public static Dictionary<string, string> Validate(MemberInput input, string? objectId, IReadOnlyCollection<Organisation> organisations, string projectId, out ProjectMember? member)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(organisations);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (objectId is null)
        {
            errors["objectId"] = string.IsNullOrWhiteSpace(input.ObjectId) ? "formErrors.required" : "directory.errors.invalidObjectId";
        }

        var role = ParseEnum<ProjectRole>(input.Role);
        if (role is null)
        {
            errors["role"] = string.IsNullOrWhiteSpace(input.Role) ? "formErrors.required" : "formErrors.unknownValue";
        }

        string? organisationId = null;
        if (role == ProjectRole.PartnerStaff)
        {
            // Partner staff see only their own organisation's referrals, so without one they would see nothing useful.
            organisationId = input.OrganisationId?.Trim();
            if (string.IsNullOrEmpty(organisationId))
            {
                errors["organisationId"] = "directory.errors.organisationRequired";
            }
            else if (!organisations.Any(o => string.Equals(o.Id, organisationId, StringComparison.Ordinal)))
            {
                errors["organisationId"] = "formErrors.unknownValue";
            }
        }

        var firstName = CleanText(input.FirstName);
        if (firstName is null)
        {
            errors["firstName"] = "directory.errors.invalidFirstName";
        }
        else if (firstName.Length == 0)
        {
            errors["firstName"] = "formErrors.required";
        }
        else if (firstName.Length > MaxFirstNameLength || !FirstNamePattern().IsMatch(firstName))
        {
            errors["firstName"] = "directory.errors.invalidFirstName";
        }

        member = errors.Count == 0 ? new ProjectMember(objectId!, projectId, role!.Value, organisationId, firstName!) : null;
        return errors;
    }

    /// <summary>An enum value by its exact name only: numbers ("2") and unknown names are refused, never cast.</summary>
    public static T? ParseEnum<T>(string? value)
        where T : struct, Enum =>
        value is not null && !int.TryParse(value, out _) && Enum.TryParse<T>(value, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;

    /// <summary>Trimmed and composed (NFC); null when it cannot be text (half a surrogate pair, a noncharacter), which Normalize refuses.</summary>
    private static string? CleanText(string? value)
    {
        var text = (value ?? string.Empty).Trim();
        try
        {
            return text.Normalize(System.Text.NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    // Letters only, with a single hyphen, space or apostrophe allowed between letters: "Anne-Marie" and "Mai Britt"
    // are first names in Denmark; digits, e-mail addresses and surnames-with-titles are not.
    [GeneratedRegex(@"^\p{L}\p{M}*(?:[\p{L}\p{M}]|[-' ](?=\p{L}))*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex FirstNamePattern();
}
