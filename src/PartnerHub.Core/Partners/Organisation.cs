namespace PartnerHub.Core.Partners;

/// <summary>The kinds of partner the programme works with (the brochure's recommendations, ARCHITECTURE §1).</summary>
public enum OrganisationKind
{
    Kindergarten,
    Nursery,
    School,
    SocialServices,
    HealthVisitor,
    JobCentre,
    HousingAssociation,
    VolunteerAssociation,
    WomensCentre,
}

/// <summary>A partner organisation in one project's directory.</summary>
/// <param name="ReceivesOnwardReferrals">True for the municipal services the programme refers women on to.</param>
public sealed record Organisation(string Id, string ProjectId, OrganisationKind Kind, string Name, bool ReceivesOnwardReferrals)
{
    /// <summary>Organisation ids are keys and URL segments like project ids, with one rule for cards and REST alike.</summary>
    public static bool IsValidId(string? id) => Project.IsValidId(id);
}

/// <summary>A person's place in a project: who they are (Entra object id), their role, and for partner staff their organisation.</summary>
public sealed record ProjectMember(string ObjectId, string ProjectId, ProjectRole Role, string? OrganisationId, string FirstName);

/// <summary>
/// A person acting in PartnerHub, as established from a validated token and the directory.
/// Every access rule takes one of these; nothing a client claims about itself gets in here.
/// </summary>
public sealed record Actor(string ObjectId, string ProjectId, ProjectRole Role, string? OrganisationId)
{
    public static Actor From(ProjectMember member) => new(member.ObjectId, member.ProjectId, member.Role, member.OrganisationId);
}
