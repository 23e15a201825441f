using PartnerHub.Api.Partners;
using PartnerHub.Api.People;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Dashboard.Partners;

/// <summary>The organisation form's fields as typed, and the version it was opened on (null: a new organisation).</summary>
public sealed class OrganisationFormModel
{
    public string Id { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public bool ReceivesOnwardReferrals { get; set; }

    public string? Version { get; init; }

    public bool IsNew => Version is null;

    public static OrganisationFormModel From(StoredOrganisation? stored) => stored is null
        ? new OrganisationFormModel()
        : new OrganisationFormModel
        {
            Id = stored.Organisation.Id,
            Name = stored.Organisation.Name,
            Kind = stored.Organisation.Kind.ToString(),
            ReceivesOnwardReferrals = stored.Organisation.ReceivesOnwardReferrals,
            Version = stored.ETag.ToString(),
        };

    /// <summary>The same input the directory card sends: DirectoryForms validates it.</summary>
    public OrganisationInput ToInput() => new(Id, Name, Kind, ReceivesOnwardReferrals ? "true" : "false");
}

/// <summary>The person form: the person chosen with the picker (new) or the one edited, role, organisation, first name.</summary>
public sealed class MemberFormModel
{
    public PersonMatch? Person { get; set; }

    public string? ObjectId { get; init; }

    public string FirstName { get; set; } = string.Empty;

    public string Role { get; set; } = string.Empty;

    public string OrganisationId { get; set; } = string.Empty;

    public string? Version { get; init; }

    public bool IsNew => Version is null;

    public static MemberFormModel From(StoredMember? stored) => stored is null
        ? new MemberFormModel()
        : new MemberFormModel
        {
            ObjectId = stored.Member.ObjectId,
            FirstName = stored.Member.FirstName,
            Role = stored.Member.Role.ToString(),
            OrganisationId = stored.Member.OrganisationId ?? string.Empty,
            Version = stored.ETag.ToString(),
        };

    /// <summary>The card's input: an empty first name takes the one the picker found (the organisation's directory).</summary>
    public MemberInput ToInput() => new(
        ObjectId ?? Person?.ObjectId,
        Role,
        OrganisationId.Length == 0 ? null : OrganisationId,
        FirstName.Length > 0 ? FirstName : Person?.FirstName);
}
