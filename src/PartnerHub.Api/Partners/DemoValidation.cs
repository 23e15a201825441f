using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Partners;

/// <summary>
/// The demo seed goes through the validation real data goes through (the directory forms, the referral and session
/// forms), so a seed that a coordinator could not have typed fails loudly at start-up instead of breaking REST calls,
/// calendar links or cards later.
/// </summary>
public static class DemoValidation
{
    /// <summary>The demo's directory as the coordinator's forms would have stored it; throws naming every field that fails.</summary>
    public static void ThrowIfInvalid() =>
        ThrowIfInvalid(DemoData.PlaygroundTenant, DemoData.Vollsmose, DemoData.Organisations, DemoData.Members);

    public static void ThrowIfInvalid(string tenantId, Project project, IReadOnlyCollection<Organisation> organisations, IEnumerable<ProjectMember> members)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(organisations);
        ArgumentNullException.ThrowIfNull(members);
        if (!Guid.TryParseExact(tenantId, "D", out _) || !Guid.TryParseExact(project.TenantId, "D", out _))
        {
            throw Invalid("tenant", "tenantId", "not a GUID");
        }

        foreach (var organisation in organisations)
        {
            var input = new OrganisationInput(organisation.Id, organisation.Name, organisation.Kind.ToString(), organisation.ReceivesOnwardReferrals ? "true" : "false");
            var errors = DirectoryForms.Validate(input, out var validated, project.Id);
            ThrowOn(errors, "organisation " + organisation.Id);
            Same(organisation, validated, "organisation " + organisation.Id);
        }

        foreach (var member in members)
        {
            var input = new MemberInput(member.ObjectId, member.Role.ToString(), member.OrganisationId, member.FirstName);
            var errors = DirectoryForms.Validate(input, DirectoryForms.NormaliseObjectId(member.ObjectId), organisations, project.Id, out var validated);
            ThrowOn(errors, "member " + member.FirstName);
            Same(member, validated, "member " + member.FirstName);
        }
    }

    /// <summary>The valid form, or an exception naming the fields a Core form validator refused.</summary>
    public static T Valid<T>((T? Form, IReadOnlyDictionary<string, string> Errors) result)
        where T : class
    {
        ThrowOn(result.Errors, typeof(T).Name);
        return result.Form ?? throw Invalid(typeof(T).Name, "form", "no form");
    }

    private static void ThrowOn(IReadOnlyDictionary<string, string> errors, string what)
    {
        if (errors.Count > 0)
        {
            throw Invalid(what, string.Join(", ", errors.Keys), string.Join(", ", errors.Values));
        }
    }

    /// <summary>Validation also normalises (case, spacing): the seed must already be in the form it would be stored in.</summary>
    private static void Same<T>(T seeded, T? validated, string what)
    {
        if (!Equals(seeded, validated))
        {
            throw Invalid(what, "all", "differs from what the form would store");
        }
    }

    private static InvalidOperationException Invalid(string what, string fields, string codes) =>
        new($"Demo data is invalid: {what} ({fields}: {codes}).");
}
