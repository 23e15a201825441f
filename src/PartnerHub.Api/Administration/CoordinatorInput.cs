using System.Text.RegularExpressions;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Api.Administration;

/// <summary>The person to appoint, checked at the edge: her Entra object id and the name shown to her colleagues.</summary>
internal static partial class CoordinatorInput
{
    public sealed record Coordinator(string ObjectId, string DisplayName);

    public static (Coordinator? Coordinator, Dictionary<string, string> Errors) Validate(AdministrationEndpoints.AppointCoordinatorRequest body)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        string? objectId = null;
        if (string.IsNullOrWhiteSpace(body.ObjectId))
        {
            errors["objectId"] = ReferralForm.Errors.Required;
        }
        else if (Guid.TryParseExact(body.ObjectId.Trim(), "D", out var guid))
        {
            // Canonical lower-case, as tokens carry it, so her calls find her membership.
            objectId = guid.ToString("D");
        }
        else
        {
            errors["objectId"] = AdministrationProblems.InvalidId;
        }

        // Stored as the directory's name of her, under the directory's limit (the referral form's name length).
        var name = InputText.Field(body.DisplayName, "displayName", ReferralForm.MaxNameLength, errors);
        if (name is not null && !NamePattern().IsMatch(name))
        {
            errors["displayName"] = AdministrationProblems.InvalidName;
        }

        return errors.Count > 0 ? (null, errors) : (new Coordinator(objectId!, name!), errors);
    }

    /// <summary>Letters, with spaces, hyphens, apostrophes and dots between: as a name in the directory, never digits.</summary>
    [GeneratedRegex(@"^[\p{L}][\p{L}\p{M} .'\-]*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex NamePattern();
}
