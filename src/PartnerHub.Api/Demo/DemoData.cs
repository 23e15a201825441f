using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Demo;

/// <summary>
/// The demo's cast for the local run (Demo__Seed=true): the project "Vollsmose", its organisations and people, mapped
/// onto the Agents Playground's mock users. Each feature seeds its own records for them (<see cref="IDemoSeed"/>). All
/// names are invented. Never enabled by the infrastructure.
/// </summary>
public static class DemoData
{
    /// <summary>
    /// The Agents Playground's mock tenant (.m365agentsplayground.yml at the repository root). The Playground's built-in
    /// ids have 13 digits in their last group, which no Entra id has: REST and calendar links refuse them, so the repo's
    /// file gives the same mock users valid GUIDs.
    /// </summary>
    public const string PlaygroundTenant = "00000000-0000-0000-0000-000000000001";

    public static readonly Project Vollsmose = new("vollsmose", "Bydelsmødre Vollsmose", "Odense Kommune", "Bydelsmødrenes lokale i Vollsmose")
    {
        Areas = ["Bøgeparken", "Birkeparken", "Egeparken", "Lærkeparken", "Granparken", "Hybenparken"],
        TenantId = PlaygroundTenant,
    };

    public static readonly IReadOnlyList<Organisation> Organisations =
    [
        new("solsikken", "vollsmose", OrganisationKind.Kindergarten, "Børnehuset Solsikken", false),
        new("myretuen", "vollsmose", OrganisationKind.Nursery, "Vuggestuen Myretuen", false),
        new("familieafdelingen", "vollsmose", OrganisationKind.SocialServices, "Familieafdelingen, Odense Kommune", true),
        new("sundhedsplejen", "vollsmose", OrganisationKind.HealthVisitor, "Sundhedsplejen Vollsmose", true),
        new("jobcenter", "vollsmose", OrganisationKind.JobCentre, "Jobcenter Odense", true),
        new("kvindehuset", "vollsmose", OrganisationKind.WomensCentre, "Kvindehuset Vollsmose", true),
        new("boligforeningen", "vollsmose", OrganisationKind.HousingAssociation, "Boligforeningen Vollsmose", false),
    ];

    // Playground users: 0 Alex (the person at the keyboard: coordinator, so the demo shows every card),
    // 1 Megan (kindergarten), 2 Adele and 3 Isaiah (neighbourhood mothers), 4 Patti (social services), 5 Lynne (housing),
    // and two people with no Playground account (its config takes exactly five users besides the current one): Lidia and
    // Johanna, the course's external teachers (a health visitor and a family therapist), reached with "demo: Lidia".
    public static readonly ProjectMember Coordinator = new("00000000-0000-0000-0000-000000000020", "vollsmose", ProjectRole.Coordinator, null, "Alex");
    public static readonly ProjectMember KindergartenStaff = new("00000000-0000-0000-0000-000000000021", "vollsmose", ProjectRole.PartnerStaff, "solsikken", "Megan");
    public static readonly ProjectMember MotherAdele = new("00000000-0000-0000-0000-000000000022", "vollsmose", ProjectRole.NeighbourhoodMother, null, "Adele");
    public static readonly ProjectMember MotherIsaiah = new("00000000-0000-0000-0000-000000000023", "vollsmose", ProjectRole.NeighbourhoodMother, null, "Isra");
    public static readonly ProjectMember SocialServicesStaff = new("00000000-0000-0000-0000-000000000024", "vollsmose", ProjectRole.PartnerStaff, "familieafdelingen", "Patti");
    public static readonly ProjectMember TeacherLidia = new("00000000-0000-0000-0000-000000000026", "vollsmose", ProjectRole.Teacher, null, "Lidia");
    public static readonly ProjectMember TeacherJohanna = new("00000000-0000-0000-0000-000000000027", "vollsmose", ProjectRole.Teacher, null, "Johanna");
    public static readonly ProjectMember HousingStaff = new("00000000-0000-0000-0000-000000000025", "vollsmose", ProjectRole.PartnerStaff, "boligforeningen", "Lynne");

    /// <summary>The municipality's programme lead: no project member, appointed over the project; the tab's <c>?as=lead</c>.</summary>
    public const string ProgrammeLeadObjectId = "00000000-0000-0000-0000-000000000028";

    public const string ProgrammeLeadFirstName = "Miriam";

    public static readonly IReadOnlyList<ProjectMember> Members = [Coordinator, KindergartenStaff, MotherAdele, MotherIsaiah, SocialServicesStaff, HousingStaff, TeacherLidia, TeacherJohanna];

    /// <summary>The members who are the Playground's mock users (.m365agentsplayground.yml); the others exist only in the directory.</summary>
    public static readonly IReadOnlyList<ProjectMember> PlaygroundUsers = [Coordinator, KindergartenStaff, MotherAdele, MotherIsaiah, SocialServicesStaff, HousingStaff];
}
