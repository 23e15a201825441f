using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Api.Administration;

/// <summary>A new project's fields checked at the edge: every error a code keyed by the body's field name.</summary>
internal static class ProjectInput
{
    public const int MaxNameLength = 100;
    public const int MaxPlaceLength = 200;
    public const int MaxAreas = 30;
    public const int MaxAreaLength = 60;

    /// <param name="tenantId">The administrator's tenant: the project's people come from it.</param>
    public static (Project? Project, Dictionary<string, string> Errors) Validate(AdministrationEndpoints.CreateProjectRequest body, string tenantId)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var id = body.Id?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            errors["id"] = ReferralForm.Errors.Required;
        }
        else if (!Project.IsValidId(id))
        {
            errors["id"] = AdministrationProblems.InvalidId;
        }

        var name = InputText.Field(body.Name, "name", MaxNameLength, errors);
        var municipality = InputText.Field(body.Municipality, "municipality", MaxNameLength, errors);
        var fixedPlace = InputText.Field(body.FixedPlace, "fixedPlace", MaxPlaceLength, errors);
        var areas = Areas(body.Areas, errors);
        string? language = null;
        if (string.IsNullOrWhiteSpace(body.Language))
        {
            errors["language"] = ReferralForm.Errors.Required;
        }
        else if (!Languages.TryParse(body.Language.Trim(), out var parsed))
        {
            errors["language"] = ReferralForm.Errors.UnknownValue;
        }
        else
        {
            language = parsed;
        }

        return errors.Count > 0
            ? (null, errors)
            : (new Project(id!, name!, municipality!, fixedPlace!) { Areas = areas!, TenantId = tenantId, Language = language! }, errors);
    }

    /// <summary>1-30 housing areas, each 1-60 characters, no two alike: a referral's area is chosen from them.</summary>
    private static List<string>? Areas(IReadOnlyList<string?>? raw, Dictionary<string, string> errors)
    {
        if (raw is null || raw.Count == 0)
        {
            errors["areas"] = ReferralForm.Errors.Required;
            return null;
        }

        if (raw.Count > MaxAreas)
        {
            errors["areas"] = ReferralForm.Errors.TooMany;
            return null;
        }

        var areas = new List<string>();
        foreach (var area in raw)
        {
            if (InputText.Field(area, "areas", MaxAreaLength, errors) is not { } text)
            {
                return null;
            }

            if (areas.Contains(text, StringComparer.OrdinalIgnoreCase))
            {
                errors["areas"] = AdministrationProblems.Duplicate;
                return null;
            }

            areas.Add(text);
        }

        return areas;
    }
}
