using PartnerHub.Api.Referrals;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Supervision;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Partners;

/// <summary>
/// Demo data for the local run (Demo__Seed=true): the project "Vollsmose" with its partner directory, mapped onto
/// the Agents Playground's mock users, and referrals in every state. Idempotent, so a restart against the same
/// Azurite changes nothing. All names are invented. Never enabled by the infrastructure.
/// </summary>
public sealed partial class DemoData(TableStore tables, ProjectStore projects, DirectoryStore directory, ReferralStore referrals, SessionStore sessions, OnwardStore onwards, ILogger<DemoData> logger) : IHostedService
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
    // 1 Megan (kindergarten), 2 Adele and 3 Isaiah (neighbourhood mothers), 4 Patti (social services), 5 Lynne (housing).
    public static readonly ProjectMember Coordinator = new("00000000-0000-0000-0000-000000000020", "vollsmose", ProjectRole.Coordinator, null, "Alex");
    public static readonly ProjectMember KindergartenStaff = new("00000000-0000-0000-0000-000000000021", "vollsmose", ProjectRole.PartnerStaff, "solsikken", "Megan");
    public static readonly ProjectMember MotherAdele = new("00000000-0000-0000-0000-000000000022", "vollsmose", ProjectRole.NeighbourhoodMother, null, "Adele");
    public static readonly ProjectMember MotherIsaiah = new("00000000-0000-0000-0000-000000000023", "vollsmose", ProjectRole.NeighbourhoodMother, null, "Isra");
    public static readonly ProjectMember SocialServicesStaff = new("00000000-0000-0000-0000-000000000024", "vollsmose", ProjectRole.PartnerStaff, "familieafdelingen", "Patti");
    public static readonly ProjectMember HousingStaff = new("00000000-0000-0000-0000-000000000025", "vollsmose", ProjectRole.PartnerStaff, "boligforeningen", "Lynne");

    public static readonly IReadOnlyList<ProjectMember> Members = [Coordinator, KindergartenStaff, MotherAdele, MotherIsaiah, SocialServicesStaff, HousingStaff];

    /// <summary>Each demo referral's id; each starts differently, so each card shows its own reference (H-Q7KT, not H-DEMO).</summary>
    public static class Ids
    {
        public const string Submitted = "q7ktdemosubmittd";
        public const string Accepted = "m2bxdemoaccepted";
        public const string Declined = "t4nrdemodeclined";
        public const string Assigned = "f6hwdemoassigned";
        public const string Contacted = "r3pcdemocontactd";
        public const string Closed = "w5jedemoclosedaa";
        public const string Withdrawn = "b2zgdemowithdrwn";
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // A seed that real data could not be is a bug in the seed: refuse to start rather than show it.
        DemoValidation.ThrowIfInvalid();
        await tables.EnsureTablesAsync(cancellationToken);
        await projects.UpsertAsync(Vollsmose, cancellationToken);
        foreach (var organisation in Organisations)
        {
            await directory.UpsertOrganisationAsync(organisation, cancellationToken);
        }

        foreach (var member in Members)
        {
            await directory.UpsertMemberAsync(PlaygroundTenant, member, cancellationToken);
        }

        var seeded = 0;
        foreach (var referral in DemoReferrals(DateTimeOffset.UtcNow))
        {
            if (await referrals.FindAsync(referral.ProjectId, referral.Id, cancellationToken) is null)
            {
                await referrals.CreateAsync(referral, "demo|" + referral.Id, [], cancellationToken);
                seeded++;
            }
        }

        foreach (var onward in DemoOnwardReferrals(DateTimeOffset.UtcNow))
        {
            if (await onwards.FindAsync(onward.ProjectId, onward.Id, cancellationToken) is null)
            {
                await onwards.CreateAsync(onward, "demo|" + onward.Id, [], cancellationToken);
                seeded++;
            }
        }

        foreach (var session in DemoSessions(DateTimeOffset.UtcNow))
        {
            if (await sessions.FindAsync(session.ProjectId, session.Id, cancellationToken) is null)
            {
                await sessions.CreateAsync(session, "demo|" + session.Id, [], cancellationToken);
                seeded++;
            }
        }

        LogSeeded(logger, Vollsmose.Id, seeded);
    }

    /// <summary>
    /// One upcoming supervision (Adele has said yes) and one held experience exchange with attendance, made through the
    /// real workflow. They have no Outlook event: the demo runs with the local calendar.
    /// </summary>
    public static IEnumerable<SupervisionSession> DemoSessions(DateTimeOffset now)
    {
        var coordinator = Actor.From(Coordinator);
        var invitees = string.Join(",", MotherAdele.ObjectId, MotherIsaiah.ObjectId, SocialServicesStaff.ObjectId);
        DateTimeOffset At(int days, int hour) => CopenhagenTime.FromLocal(CopenhagenTime.DateOf(now).AddDays(days), new TimeOnly(hour, 0))!.Value;
        SupervisionSession Then(SupervisionSession session, SessionCommand command, Actor actor, DateTimeOffset at) =>
            SessionWorkflow.Apply(session, command, actor, at).Session ?? throw new InvalidOperationException("Demo session cannot take that step.");

        // Through the coordinator's form, as she would fill it in at the time she planned it.
        ValidSessionForm Form(SessionKind kind, string title, string agenda, DateTimeOffset start, DateTimeOffset end, DateTimeOffset plannedAt) =>
            DemoValidation.Valid(SessionForm.Validate(
                new SessionFormInput
                {
                    Kind = kind.ToString(),
                    Title = title,
                    Agenda = agenda,
                    Online = "false",
                    Date = CopenhagenTime.DateOf(start).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    StartTime = CopenhagenTime.ToLocal(start).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                    EndTime = CopenhagenTime.ToLocal(end).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                    Invitees = invitees,
                },
                Vollsmose,
                Members,
                plannedAt));

        var planned = now.AddDays(-2);
        var upcoming = SupervisionSession.Create("demo-upcoming", coordinator, Form(
            SessionKind.Supervision, "Supervision: hjemmebesøg i vinterferien", "Runde: hvordan går det med hjemmebesøgene?\nSamarbejdet med sundhedsplejen.",
            At(6, 14), At(6, 16), planned), planned);
        yield return Then(upcoming, new RespondToSession(Rsvp.Accepted), Actor.From(MotherAdele), now.AddDays(-1));

        // Planned three weeks ago for last week, then held: the form cannot make a past session, so it is created back then.
        var created = At(-21, 10);
        var past = SupervisionSession.Create("demo-held", coordinator, Form(
            SessionKind.ExperienceExchange, "Erfaringsudveksling: åbent hus i beboerhuset", "Hvad lærte vi af åbent hus?",
            At(-7, 17), At(-7, 19), created), created);
        yield return Then(past, new RecordAttendance([MotherAdele.ObjectId, SocialServicesStaff.ObjectId]), coordinator, At(-7, 20));
    }

    /// <summary>
    /// Zahra (in contact with Adele) referred on to the family department a week ago and accepted by Patti; Hodan referred
    /// on to the health visitors two days ago, not answered yet. Made through Core, so both are states the workflow reaches.
    /// </summary>
    public static IEnumerable<OnwardReferral> DemoOnwardReferrals(DateTimeOffset now)
    {
        var coordinator = Actor.From(Coordinator);
        var byId = DemoReferrals(now).ToDictionary(r => r.Id, StringComparer.Ordinal);
        Organisation To(string id) => Organisations.Single(o => o.Id == id);

        var accepted = OnwardReferral.Send("demoonwardaccept", byId[Ids.Contacted], To("familieafdelingen"), NeedCategories.Authorities, coordinator, now.AddDays(-7));
        yield return accepted.Answer(accept: true, Actor.From(SocialServicesStaff), now.AddDays(-5)).Onward
            ?? throw new InvalidOperationException("Demo onward referral cannot be answered.");
        yield return OnwardReferral.Send("demoonwardwaitss", byId[Ids.Assigned], To("sundhedsplejen"), NeedCategories.Health, coordinator, now.AddDays(-2));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// One referral in each state, made by going through the real workflow so every one is a state it can reach, from the
    /// referral form as the kindergarten teacher would have filled it in on the day.
    /// </summary>
    public static IEnumerable<Referral> DemoReferrals(DateTimeOffset now)
    {
        var partner = Actor.From(KindergartenStaff);
        var coordinator = Actor.From(Coordinator);
        var mother = Actor.From(MotherAdele);
        Referral New(string id, string name, string area, NeedCategories needs, int daysAgo, string language)
        {
            var day = DateOnly.FromDateTime(now.AddDays(-daysAgo).UtcDateTime);
            var form = DemoValidation.Valid(ReferralForm.Validate(
                new ReferralFormInput
                {
                    FirstNameOrInitials = name,
                    Languages = language + ",da",
                    Area = area,
                    ContactChannel = nameof(ContactChannel.ThroughReferrer),
                    BestTime = nameof(ContactTime.Morning),
                    Needs = needs.ToString(),
                    ConsentGivenBy = nameof(ConsentGivenBy.Herself),
                    ConsentMethod = nameof(ConsentMethod.Verbal),
                    ConsentDate = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    ConsentLanguage = language,
                    ConsentConfirmed = "true",
                },
                Vollsmose.Areas,
                partner.ObjectId,
                day));
            return Referral.Submit(id, partner, form.Person, form.Needs, form.Consent, now.AddDays(-daysAgo));
        }

        Referral Then(Referral referral, ReferralCommand command, Actor actor, int daysAgo) =>
            ReferralWorkflow.Apply(referral, command, actor, now.AddDays(-daysAgo)).Referral
                ?? throw new InvalidOperationException("Demo referral cannot take that step.");

        yield return New(Ids.Submitted, "Amina", "Bøgeparken", NeedCategories.Children | NeedCategories.Network, 1, "ar");
        yield return Then(New(Ids.Accepted, "F. A.", "Birkeparken", NeedCategories.Language, 3, "so"), new AcceptReferral(), coordinator, 2);
        yield return Then(New(Ids.Declined, "Leyla", "Granparken", NeedCategories.Work, 20, "tr"), new DeclineReferral(DeclineReason.OutsideArea), coordinator, 19);
        yield return Then(New(Ids.Assigned, "Hodan", "Egeparken", NeedCategories.Health | NeedCategories.Children, 6, "so"), new AssignReferral(MotherAdele.ObjectId), coordinator, 5);
        var contacted = Then(New(Ids.Contacted, "Zahra", "Lærkeparken", NeedCategories.Authorities, 12, "fa"), new AssignReferral(MotherAdele.ObjectId), coordinator, 11);
        yield return Then(contacted, new RecordContact(), mother, 8);
        var closed = Then(Then(New(Ids.Closed, "M. K.", "Hybenparken", NeedCategories.Network, 40, "ar"), new AssignReferral(MotherIsaiah.ObjectId), coordinator, 39), new RecordContact(), Actor.From(MotherIsaiah), 35);
        yield return Then(closed, new CloseReferral(ReferralOutcome.JoinedActivities), Actor.From(MotherIsaiah), 30);
        yield return Then(New(Ids.Withdrawn, "Nour", "Bøgeparken", NeedCategories.Health, 9, "ar"), new WithdrawReferral(), partner, 7);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data seeded for project {ProjectId} ({Referrals} new referrals)")]
    private static partial void LogSeeded(ILogger logger, string projectId, int referrals);
}
