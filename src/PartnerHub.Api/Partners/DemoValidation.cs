using PartnerHub.Api.Demo;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Partners;

/// <summary>The demo's directory checked by the directory's own forms (see <see cref="DemoForms"/> for why).</summary>
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
            throw DemoForms.Invalid("tenant", "tenantId", "not a GUID");
        }

        foreach (var organisation in organisations)
        {
            var input = new OrganisationInput(organisation.Id, organisation.Name, organisation.Kind.ToString(), organisation.ReceivesOnwardReferrals ? "true" : "false");
            var errors = DirectoryForms.Validate(input, out var validated, project.Id);
            DemoForms.ThrowOn(errors, "organisation " + organisation.Id);
            Same(organisation, validated, "organisation " + organisation.Id);
        }

        foreach (var member in members)
        {
            var input = new MemberInput(member.ObjectId, member.Role.ToString(), member.OrganisationId, member.FirstName);
            var errors = DirectoryForms.Validate(input, DirectoryForms.NormaliseObjectId(member.ObjectId), organisations, project.Id, out var validated);
            DemoForms.ThrowOn(errors, "member " + member.FirstName);
            Same(member, validated, "member " + member.FirstName);
        }
    }

    /// <summary>Validation also normalises (case, spacing): the seed must already be in the form it would be stored in.</summary>
    private static void Same<T>(T seeded, T? validated, string what)
    {
        if (!Equals(seeded, validated))
        {
            throw DemoForms.Invalid(what, "all", "differs from what the form would store");
        }
    }
}
