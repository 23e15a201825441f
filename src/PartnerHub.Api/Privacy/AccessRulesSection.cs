using System.Globalization;
using System.Text;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Privacy;

/// <summary>
/// The access matrix of docs/privacy.md, computed by asking Core's own rules (ReferralVisibility, SessionAccess,
/// CourseVisibility) about example people, so the document cannot say something the code does not do.
/// </summary>
internal static class AccessRulesSection
{
    private const string Project = "projekt-a";
    private const string Organisation = "org-henviser";
    private static readonly DateTimeOffset At = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public static string Render()
    {
        var text = new StringBuilder();
        text.AppendLine("## Adgangsmatrix / Access matrix");
        text.AppendLine();
        text.AppendLine("Adgang afgøres af personens rolle i projektet, som PartnerHub slår op i sit eget katalog ud fra den");
        text.AppendLine("bekræftede Entra-identitet; intet i et kort eller en forespørgsel kan give en højere rolle. Reglerne er rene");
        text.AppendLine("funktioner i `src/PartnerHub.Core`, og tabellerne nedenfor er beregnet ved at spørge dem. En nægtet læsning");
        text.AppendLine("eller ændring skrives i revisionssporet og besvares, som om posten ikke fandtes. Ingen i ét projekt ser noget");
        text.AppendLine("fra et andet projekt.");
        text.AppendLine();
        ReferralFields(text);
        Sessions(text);
        Course(text);
        text.AppendLine("### Kataloget og rapporten / The directory and the report");
        text.AppendLine();
        text.AppendLine("Kun projektets koordinatorer ændrer kataloget over organisationer og personer (`Core/Partners/DirectoryAccess`).");
        text.AppendLine("Rapporten til fonden viser kun tal; tal under projektets tærskel (mindst 2, standard 5) vises ikke. En");
        text.AppendLine("programleder ser rapporten for de projekter, en administrator har givet hende, og intet andet. En administrator");
        text.AppendLine("(app-rollen PartnerHub.Admin) opretter projekter og udnævner deres første koordinatorer, men får ingen rolle i et projekt.");
        text.AppendLine();
        var endpoints = RenderEndpointMatrix();
        if (endpoints.Length > 0)
        {
            text.AppendLine(endpoints);
        }

        return text.ToString();
    }

    /// <summary>The role × endpoint, card action and tab page matrix (<see cref="AccessMatrix"/>), which tests try against the real host.</summary>
    public static string RenderEndpointMatrix() =>
        "### Adgangsmatrix: hvert endpoint, hver korthandling, hver side / Access matrix: every endpoint, card action and page\n\n"
        + "Hver række er afprøvet mod den kørende app med rigtige tokens (`AccessMatrixRowTests`), og en test fejler, når et endpoint eller en korthandling mangler her.\n\n"
        + AccessMatrix.ToMarkdown();

    private static void ReferralFields(StringBuilder text)
    {
        text.AppendLine("### Henvisninger: hvem ser hvilke felter / Referrals: who sees which field");
        text.AppendLine();
        text.AppendLine("Beregnet med `Core/Referrals/ReferralVisibility` for en henvisning, der er tildelt en nabomor, hvor kvinden");
        text.AppendLine("vil ringes op. Alle ser id, reference, tilstand og datoer (anonyme). Når hendes oplysninger er slettet");
        text.AppendLine(CultureInfo.InvariantCulture, $"(samtykke trukket tilbage eller opbevaringstiden udløbet), forsvinder felterne {Join(ReferralVisibility.Personal)} fra alle visninger.");
        text.AppendLine();
        var fields = Enum.GetValues<ReferralField>();
        var referral = ExampleReferral();
        text.AppendLine("| Hvem | " + string.Join(" | ", fields) + " |");
        text.AppendLine("| --- |" + string.Concat(fields.Select(_ => " :-: |")));
        foreach (var (who, actor) in ReferralViewers())
        {
            var view = ReferralVisibility.For(actor, referral);
            text.AppendLine("| " + who + " | " + string.Join(" | ", fields.Select(f => Mark(view.Shows(f)))) + " |");
        }

        text.AppendLine("| Den modtagende organisation ved en videre-henvisning | " + string.Join(" | ", fields.Select(f => Mark(ReferralVisibility.OnwardFields.Contains(f)))) + " |");
        text.AppendLine();
    }

    private static IEnumerable<(string Who, Actor Actor)> ReferralViewers() =>
    [
        ("Koordinator i projektet", new Actor("koordinator", Project, ProjectRole.Coordinator, null)),
        ("Den tildelte nabomor", new Actor("nabomor", Project, ProjectRole.NeighbourhoodMother, null)),
        ("Anden nabomor i projektet", new Actor("anden-nabomor", Project, ProjectRole.NeighbourhoodMother, null)),
        ("Henviseren (medarbejder i den henvisende organisation)", new Actor("henviser", Project, ProjectRole.PartnerStaff, Organisation)),
        ("Kollega i den henvisende organisation", new Actor("kollega", Project, ProjectRole.PartnerStaff, Organisation)),
        ("Medarbejder i en anden organisation", new Actor("anden-medarbejder", Project, ProjectRole.PartnerStaff, "org-anden")),
        ("Underviser", new Actor("underviser", Project, ProjectRole.Teacher, null)),
        ("Koordinator i et andet projekt", new Actor("koordinator-b", "projekt-b", ProjectRole.Coordinator, null)),
    ];

    private static Referral ExampleReferral() => new()
    {
        Id = "eksempel",
        ProjectId = Project,
        State = ReferralState.Assigned,
        ReferrerObjectId = "henviser",
        ReferrerOrganisationId = Organisation,
        SubmittedAt = At,
        Needs = NeedCategories.Health,
        Person = new ReferralPerson("A", ["da"], "Område", new ContactPreference(ContactChannel.Phone, ContactTime.Anytime, "12345678"), "note"),
        Consent = new Consent(ConsentGivenBy.Herself, ConsentMethod.Verbal, DateOnly.FromDateTime(At.UtcDateTime), "da", "henviser"),
        AssignedMotherId = "nabomor",
        MotherNotes = "noter",
        History = [new ReferralEvent(ReferralState.Submitted, At, ProjectRole.PartnerStaff)],
    };

    private static void Sessions(StringBuilder text)
    {
        text.AppendLine("### Supervisionsmøder / Supervision sessions");
        text.AppendLine();
        text.AppendLine("Beregnet med `Core/Supervision/SessionAccess` for et møde med en inviteret nabomor og en inviteret partnermedarbejder.");
        text.AppendLine();
        var actions = Enum.GetValues<SessionAction>().Where(a => a != SessionAction.Create).ToArray();
        var session = ExampleSession();
        text.AppendLine("| Hvem | " + string.Join(" | ", actions) + " |");
        text.AppendLine("| --- |" + string.Concat(actions.Select(_ => " :-: |")));
        foreach (var (who, actor) in SessionViewers())
        {
            text.AppendLine("| " + who + " | " + string.Join(" | ", actions.Select(a => Mark(SessionAccess.Allows(actor, a, session)))) + " |");
        }

        text.AppendLine();
    }

    private static IEnumerable<(string Who, Actor Actor)> SessionViewers() =>
    [
        ("Koordinator i projektet", new Actor("koordinator", Project, ProjectRole.Coordinator, null)),
        ("Inviteret nabomor", new Actor("nabomor", Project, ProjectRole.NeighbourhoodMother, null)),
        ("Nabomor, ikke inviteret", new Actor("anden-nabomor", Project, ProjectRole.NeighbourhoodMother, null)),
        ("Inviteret partnermedarbejder", new Actor("medarbejder", Project, ProjectRole.PartnerStaff, Organisation)),
        ("Underviser", new Actor("underviser", Project, ProjectRole.Teacher, null)),
        ("Koordinator i et andet projekt", new Actor("koordinator-b", "projekt-b", ProjectRole.Coordinator, null)),
    ];

    private static SupervisionSession ExampleSession() => new()
    {
        Id = "eksempel",
        ProjectId = Project,
        Kind = SessionKind.Supervision,
        Title = "Supervision",
        Start = At,
        End = At.AddHours(2),
        OrganizerObjectId = "koordinator",
        State = SessionState.Scheduled,
        CreatedAt = At,
        RsvpResetAt = At,
        Invitees =
        [
            new Invitee("nabomor", ProjectRole.NeighbourhoodMother, Rsvp.None, null, null),
            new Invitee("medarbejder", ProjectRole.PartnerStaff, Rsvp.None, null, null),
        ],
    };

    private static void Course(StringBuilder text)
    {
        text.AppendLine("### Kurset / The course");
        text.AppendLine();
        text.AppendLine("Beregnet med `Core/Course/CourseVisibility` for et hold med én deltager og ingen bookinger. En underviser ser kun");
        text.AppendLine("sine egne bookinger (tema, dato, tid, sted, holdets størrelse, koordinatorens note) og aldrig deltagerne (`Core/Course/BookingAccess`).");
        text.AppendLine();
        var fields = Enum.GetValues<CourseField>();
        CourseParticipant[] participants = [new("p1", "A", "deltager")];
        text.AppendLine("| Hvem | " + string.Join(" | ", fields) + " |");
        text.AppendLine("| --- |" + string.Concat(fields.Select(_ => " :-: |")));
        foreach (var (who, actor) in CourseViewers())
        {
            var view = CourseVisibility.For(actor, Project, participants, []);
            text.AppendLine("| " + who + " | " + string.Join(" | ", fields.Select(f => Mark(view.Shows(f)))) + " |");
        }

        text.AppendLine();
    }

    private static IEnumerable<(string Who, CourseActor Actor)> CourseViewers() =>
    [
        ("Koordinator i projektet", new CourseActor("koordinator", Project, CourseRole.Coordinator)),
        ("Deltager på holdet", new CourseActor("deltager", Project, CourseRole.Participant)),
        ("Deltager på et andet hold", new CourseActor("anden-deltager", Project, CourseRole.Participant)),
        ("Underviser uden booking på holdet", new CourseActor("underviser", Project, CourseRole.Teacher)),
        ("Koordinator i et andet projekt", new CourseActor("koordinator-b", "projekt-b", CourseRole.Coordinator)),
    ];

    private static string Mark(bool shown) => shown ? "ja" : "–";

    private static string Join<T>(IEnumerable<T> values) => string.Join(", ", values.Select(v => v!.ToString()).Order(StringComparer.Ordinal));
}
