using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Course;
using PartnerHub.Api.Partners;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using PartnerHub.Tests.Shared;

namespace PartnerHub.Api.Tests.Course;

/// <summary>
/// A project of its own with a cohort that began three weeks ago (so sessions are held and can have marks on the real
/// clock the bot and REST hosts run on), for the participant's own view. The cohort is stored as a plan; women are put
/// on its list, marked and certified through the course's own services and stores.
/// </summary>
internal sealed class ParticipantCourse(IServiceProvider services, string tenantId)
{
    private static readonly CancellationToken None = CancellationToken.None;

    public string ProjectId { get; } = "pc" + UniqueIds.Next(10);

    public string CoordinatorId { get; } = Guid.NewGuid().ToString();

    public Actor Coordinator => new(CoordinatorId, ProjectId, ProjectRole.Coordinator, null);

    public Cohort Cohort { get; private set; } = null!;

    public string CohortName => Cohort.Plan.CohortName;

    public static DateOnly Today => CopenhagenTime.DateOf(DateTimeOffset.UtcNow);

    /// <summary>The counting sessions held so far (on or before today).</summary>
    public IReadOnlyList<CourseSession> Held => [.. Cohort.Plan.Counting.Where(s => s.Date <= Today)];

    public async Task<ParticipantCourse> SeedAsync(params (string ObjectId, ProjectRole Role, string FirstName)[] members)
    {
        await services.GetRequiredService<ProjectStore>().UpsertAsync(new Project(ProjectId, "Bydelsmødre " + ProjectId, "Odense", "Beboerhuset") { TenantId = tenantId }, None);
        var directory = services.GetRequiredService<DirectoryStore>();
        await directory.UpsertMemberAsync(tenantId, new ProjectMember(CoordinatorId, ProjectId, ProjectRole.Coordinator, null, "Karen"), None);
        foreach (var (objectId, role, firstName) in members)
        {
            await directory.UpsertMemberAsync(tenantId, new ProjectMember(objectId, ProjectId, role, null, firstName), None);
        }

        var start = Today.AddDays(-21);
        start = start.AddDays(-(((int)start.DayOfWeek - (int)DayOfWeek.Tuesday + 7) % 7));
        var (form, errors) = CohortForm.Validate(
            new CohortFormInput
            {
                Name = "Hold " + ProjectId,
                StartDate = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Weekday = nameof(DayOfWeek.Tuesday),
                StartTime = "17:00",
                EndTime = "19:00",
                Place = "Kvindecenteret",
                Weeks = "8",
            },
            CopenhagenTime.FromLocal(start.AddDays(-7), new TimeOnly(12, 0))!.Value);
        Assert.Empty(errors);
        var settings = (await services.GetRequiredService<CourseSettingsStore>().GetAsync(ProjectId, None)).Settings;
        var cohort = new Cohort("c" + UniqueIds.Next(12), ProjectId, PlanGenerator.Generate(form!, settings.Themes, settings.SchoolHolidays), [], 1);
        var change = CourseChanges.Change(CoordinatorId, CourseStore.CohortRecord, cohort.Id, null, "CreateCohort", new { cohort.Id });
        Assert.Equal(ChangeOutcome.Changed, (await services.GetRequiredService<CourseStore>().CreateCohortAsync(cohort, change, [], None)).Outcome);
        Cohort = cohort;
        Assert.True(Held.Count >= 2, "The cohort has held sessions to mark.");
        return this;
    }

    /// <summary>Puts a woman on the list through <see cref="CourseService"/> (as the coordinator would); her participant id.</summary>
    public async Task<string> AddAsync(string name, string? objectId)
    {
        var result = await services.GetRequiredService<CourseService>().AddParticipantAsync(Coordinator, Cohort.Id, Cohort.Version, new ParticipantInput(name, objectId), null, None);
        Assert.Equal(ChangeOutcome.Changed, result.Outcome);
        Cohort = result.Current!.Cohort;
        return Cohort.Participants.Single(p => p.Name == name).Id;
    }

    public async Task MarkAsync(CourseSession session, params (string ParticipantId, AttendanceMark Mark)[] marks)
    {
        var result = await services.GetRequiredService<CourseService>().RecordAttendanceAsync(
            Coordinator, Cohort.Id, session.Id, marks.ToDictionary(m => m.ParticipantId, m => m.Mark, StringComparer.Ordinal), None);
        Assert.Equal(ChangeOutcome.Changed, result.Outcome);
    }

    /// <summary>Her certificate as <see cref="IssueCertificateHandler"/> records it once it is in SharePoint.</summary>
    public Task CertifyAsync(string participantId) =>
        services.GetRequiredService<CertificateStore>().RecordAsync(
            new IssuedCertificate(ProjectId, Cohort.Id, participantId, "drive-item-" + participantId, SharePointUrl(participantId), DateTimeOffset.UtcNow, CoordinatorId, "Karen"), [], None);

    /// <summary>The coordinator's SharePoint address of a certificate: never what a participant is shown.</summary>
    public static string SharePointUrl(string participantId) => "https://contoso.sharepoint.com/sites/bydelsmoedre/bevis-" + participantId + ".pdf";

    public string CertificatePath(string participantId) => $"/certificates/{ProjectId}/{Cohort.Id}/{participantId}.pdf?exp=";
}
