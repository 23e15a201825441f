using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Course;
using PartnerHub.Api.Demo;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Api.Tests.Dashboard;

/// <summary>
/// One real host for every class in the <see cref="Name"/> collection: the tab's pages in bUnit (and the few service
/// tests on the same data). Azurite, WireMock Entra, outbox dispatch off, so nothing moves under the assertions and
/// the card updates a change causes stay as rows to count. The demo's course in Vollsmose is seeded once through its
/// real rules and only read; a test that writes makes a project of its own (<see cref="OwnProjectAsync"/>,
/// <see cref="OwnCourseAsync"/>) whose people have fresh object ids, so no test sees another's members, referrals or
/// cohorts, in whatever order they run.
/// </summary>
public sealed class SharedTabHost : IAsyncLifetime
{
    public const string Name = "Shared tab host";

    public static readonly IReadOnlyList<string> Areas = ["Bøgeparken", "Egeparken"];

    internal RestHost Host { get; } = new(settings: new Dictionary<string, string?> { ["Outbox:Enabled"] = "false" });

    public T Get<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        await new AzuriteFixture().InitializeAsync();
        await Get<ProjectStore>().UpsertAsync(DemoData.Vollsmose with { TenantId = RestHost.TenantId }, CancellationToken.None);
        foreach (var member in DemoData.Members)
        {
            await Get<DirectoryStore>().UpsertMemberAsync(RestHost.TenantId, member, CancellationToken.None);
        }

        await new CourseDemoSeed(Get<CourseStore>(), Get<CourseSettingsStore>(), Get<OutboxWriter>()).SeedAsync(DateTimeOffset.UtcNow, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        Host.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>
    /// A project of its own: coordinator Camilla, mothers Fatima and Samira, kindergarten teacher Birgitte of
    /// Børnehuset, Jonas of the school, and the family department that takes onward referrals; <see cref="Areas"/>.
    /// </summary>
    internal async Task<OwnProject> OwnProjectAsync()
    {
        var own = new OwnProject(RestHostFixture.NewProjectId("tab"));
        await Get<ProjectStore>().UpsertAsync(
            new Project(own.ProjectId, "Bydelsmødre " + own.ProjectId, "Odense", "Beboerhuset") { TenantId = RestHost.TenantId, Areas = Areas },
            CancellationToken.None);
        var directory = Get<DirectoryStore>();
        await directory.UpsertOrganisationAsync(new Organisation("boernehuset", own.ProjectId, OrganisationKind.Kindergarten, "Børnehuset", false), CancellationToken.None);
        await directory.UpsertOrganisationAsync(new Organisation("skolen", own.ProjectId, OrganisationKind.School, "Skolen", false), CancellationToken.None);
        await directory.UpsertOrganisationAsync(new Organisation("familieafdelingen", own.ProjectId, OrganisationKind.SocialServices, "Familieafdelingen", true), CancellationToken.None);
        foreach (var member in own.Members)
        {
            await directory.UpsertMemberAsync(RestHost.TenantId, member, CancellationToken.None);
        }

        return own;
    }

    /// <summary>
    /// A referral as the form (card, REST or tab) sends it, through the service, by the kindergarten (or the school);
    /// to be reached by phone when one is given, else through the referrer. Moved back in the store by
    /// <paramref name="daysAgo"/>, as time would have moved it.
    /// </summary>
    internal async Task<StoredReferral> ReferAsync(
        OwnProject own, string name, string? area = null, NeedCategories needs = NeedCategories.Health | NeedCategories.Network, int daysAgo = 0, bool fromSchool = false, string? phone = null, string? note = null)
    {
        var submitted = await Get<ReferralService>().SubmitAsync(fromSchool ? own.SchoolStaff : own.Teacher, new ReferralFormInput
        {
            FirstNameOrInitials = name,
            Languages = "ar,da",
            Area = area ?? Areas[0],
            ContactChannel = phone is null ? nameof(ContactChannel.ThroughReferrer) : nameof(ContactChannel.Phone),
            BestTime = nameof(ContactTime.Morning),
            PhoneNumber = phone,
            Needs = needs.ToString(),
            Note = note,
            ConsentGivenBy = nameof(ConsentGivenBy.Herself),
            ConsentMethod = nameof(ConsentMethod.Verbal),
            ConsentDate = CopenhagenTime.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ConsentLanguage = "ar",
            ConsentConfirmed = "true",
        }, Guid.NewGuid().ToString("N"), null, CancellationToken.None);
        var stored = submitted.Referral ?? throw new InvalidOperationException("Seed referral invalid: " + string.Join(", ", submitted.Errors));
        if (daysAgo == 0)
        {
            return stored;
        }

        var at = stored.Referral.SubmittedAt.AddDays(-daysAgo);
        var moved = stored.Referral with { SubmittedAt = at, History = [.. stored.Referral.History.Select(e => e with { At = at })] };
        return await Get<ReferralStore>().UpdateAsync(stored, moved, "backdate|" + stored.Referral.Id, [], CancellationToken.None);
    }

    /// <summary>Accepted and assigned to the mother by the coordinator, as on the triage card.</summary>
    internal async Task<StoredReferral> AssignAsync(OwnProject own, StoredReferral referral, string motherId)
    {
        var service = Get<ReferralService>();
        var accepted = await service.ChangeAsync(own.Coordinator, referral.Referral.Id, referral.Version, new AcceptReferral(), null, CancellationToken.None);
        Assert.Equal(ChangeOutcome.Changed, accepted.Outcome);
        var assigned = await service.ChangeAsync(own.Coordinator, referral.Referral.Id, accepted.Current!.Version, new AssignReferral(motherId), null, CancellationToken.None);
        Assert.Equal(ChangeOutcome.Changed, assigned.Outcome);
        return assigned.Current!;
    }

    /// <summary>The outbox rows of one kind in the project still waiting for dispatch (dispatch is off on this host).</summary>
    internal async Task<IReadOnlyList<string>> PendingPayloadsAsync(string projectId, string kind)
    {
        var rows = new List<string>();
        await foreach (var row in Get<TableStore>().Table(TableNames.Main).QueryAsync<TableEntity>(TableQueries.Prefix(projectId, OutboxKeys.Prefix)))
        {
            if (row.GetString(OutboxKeys.Kind) == kind)
            {
                rows.Add(row.GetString(OutboxKeys.Payload));
            }
        }

        return rows;
    }

    /// <summary>A project of its own with a coordinator and a teacher, and a four-week cohort starting tomorrow with one participant.</summary>
    internal async Task<OwnCourse> OwnCourseAsync()
    {
        var own = new OwnCourse(RestHostFixture.NewProjectId("kt"), Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        await Get<ProjectStore>().UpsertAsync(new Project(own.ProjectId, "Bydelsmødre " + own.ProjectId, "Odense", "Beboerhuset") { TenantId = RestHost.TenantId }, CancellationToken.None);
        await Get<DirectoryStore>().UpsertMemberAsync(RestHost.TenantId, new ProjectMember(own.CoordinatorId, own.ProjectId, ProjectRole.Coordinator, null, "Alex"), CancellationToken.None);
        await Get<DirectoryStore>().UpsertMemberAsync(RestHost.TenantId, new ProjectMember(own.TeacherId, own.ProjectId, ProjectRole.Teacher, null, "Lidia"), CancellationToken.None);
        var start = CopenhagenTime.DateOf(DateTimeOffset.UtcNow).AddDays(1);
        var created = await Get<CourseService>().CreateAsync(own.Coordinator, new CohortFormInput
        {
            Name = "Hold " + own.ProjectId,
            StartDate = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Weekday = start.DayOfWeek.ToString(),
            StartTime = "17:00",
            EndTime = "19:00",
            Place = "Kvindecenteret",
            Weeks = "4",
        }, "req-" + own.ProjectId, CancellationToken.None);
        Assert.Equal(ChangeOutcome.Changed, created.Outcome);
        var added = await Get<CourseService>().AddParticipantAsync(own.Coordinator, created.Current!.Cohort.Id, 1, new ParticipantInput("Amina", null), null, CancellationToken.None);
        Assert.Equal(ChangeOutcome.Changed, added.Outcome);
        return own with { Cohort = added.Current!.Cohort };
    }

    /// <summary>One test's project and its people, each with a fresh object id.</summary>
    internal sealed record OwnProject(string ProjectId)
    {
        public string CoordinatorId { get; } = Guid.NewGuid().ToString();

        public string MotherId { get; } = Guid.NewGuid().ToString();

        public string OtherMotherId { get; } = Guid.NewGuid().ToString();

        /// <summary>Birgitte, kindergarten teacher (partner staff) at Børnehuset.</summary>
        public string TeacherId { get; } = Guid.NewGuid().ToString();

        /// <summary>Jonas, partner staff at the school: another organisation's referrer.</summary>
        public string SchoolStaffId { get; } = Guid.NewGuid().ToString();

        public Actor Coordinator => new(CoordinatorId, ProjectId, ProjectRole.Coordinator, null);

        public Actor Mother => new(MotherId, ProjectId, ProjectRole.NeighbourhoodMother, null);

        public Actor Teacher => new(TeacherId, ProjectId, ProjectRole.PartnerStaff, "boernehuset");

        public Actor SchoolStaff => new(SchoolStaffId, ProjectId, ProjectRole.PartnerStaff, "skolen");

        public IEnumerable<ProjectMember> Members =>
        [
            new(CoordinatorId, ProjectId, ProjectRole.Coordinator, null, "Camilla"),
            new(MotherId, ProjectId, ProjectRole.NeighbourhoodMother, null, "Fatima"),
            new(OtherMotherId, ProjectId, ProjectRole.NeighbourhoodMother, null, "Samira"),
            new(TeacherId, ProjectId, ProjectRole.PartnerStaff, "boernehuset", "Birgitte"),
            new(SchoolStaffId, ProjectId, ProjectRole.PartnerStaff, "skolen", "Jonas"),
        ];
    }

    internal sealed record OwnCourse(string ProjectId, string CoordinatorId, string TeacherId)
    {
        public Cohort Cohort { get; init; } = default!;

        public Actor Coordinator => new(CoordinatorId, ProjectId, ProjectRole.Coordinator, null);
    }
}

/// <summary>The classes that share <see cref="SharedTabHost"/>: they run one after another, each test in data of its own.</summary>
[CollectionDefinition(SharedTabHost.Name)]
public sealed class SharedTabHostGroup : ICollectionFixture<SharedTabHost>;
