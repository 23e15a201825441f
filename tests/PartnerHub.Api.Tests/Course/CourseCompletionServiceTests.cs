using PartnerHub.Api.Course;
using PartnerHub.Api.Partners;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Tests.Course;

/// <summary>Completion, certificates and the step into the directory through <see cref="CourseCompletionService"/>.</summary>
[Collection(CourseServicesGroup.Name)]
public sealed class CourseCompletionServiceTests(CourseServiceHost host)
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Amina present at all four sessions, Fatima at one: only Amina completes.</summary>
    private static async Task<(StoredCohort Cohort, CourseParticipant Amina, CourseParticipant Fatima)> HeldAsync(CourseWorld world, string? aminaAccount)
    {
        var cohort = await world.CohortAsync(aminaAccount);
        var amina = cohort.Cohort.Participants.Single(p => p.Name == "Amina Hassan");
        var fatima = cohort.Cohort.Participants.Single(p => p.Name == "Fatima");
        world.SetToday(new DateOnly(2031, 2, 25));
        foreach (var session in cohort.Cohort.Plan.Sessions)
        {
            var marks = new Dictionary<string, AttendanceMark> { [amina.Id] = AttendanceMark.Present, [fatima.Id] = session.Id == "s01" ? AttendanceMark.Present : AttendanceMark.Absent };
            Assert.Equal(ChangeOutcome.Changed, (await world.Courses.RecordAttendanceAsync(world.Coordinator, cohort.Cohort.Id, session.Id, marks, None)).Outcome);
        }

        return (cohort, amina, fatima);
    }

    [Fact]
    public async Task Certificates_are_asked_for_once_for_each_woman_who_completed()
    {
        var world = await new CourseWorld(host).SeedAsync();
        var (cohort, amina, fatima) = await HeldAsync(world, null);

        var standing = await world.Completion.CompletionAsync(world.Coordinator, cohort.Cohort.Id, None);
        var issued = await world.Completion.IssueCertificatesAsync(world.Coordinator, cohort.Cohort.Id, cohort.Cohort.Version, None);
        var retry = await world.Completion.IssueCertificatesAsync(world.Coordinator, cohort.Cohort.Id, cohort.Cohort.Version, None);
        var byTeacher = await world.Completion.IssueCertificatesAsync(world.Teacher, cohort.Cohort.Id, null, None);

        Assert.Equal([(amina.Id, true), (fatima.Id, false)], standing.Participants.Select(p => (p.ParticipantId, p.Completed)));
        Assert.Equal(ChangeOutcome.Changed, issued.Outcome);
        Assert.Equal(ChangeOutcome.Duplicate, retry.Outcome);
        Assert.Equal(ChangeOutcome.Forbidden, byTeacher.Outcome);
        var certificate = Assert.Single(await world.OutboxAsync(), m => m.Kind == CourseNotifications.IssueCertificate);
        var payload = CourseNotifications.Read(certificate.Payload);
        Assert.Equal((cohort.Cohort.Id, amina.Id, world.CoordinatorId), (payload.CohortId, payload.ParticipantId, payload.ObjectId));
    }

    [Fact]
    public async Task A_participant_sees_her_own_standing_only()
    {
        var world = await new CourseWorld(host).SeedAsync();
        var account = Guid.NewGuid().ToString();
        var (cohort, amina, _) = await HeldAsync(world, account);

        var own = await world.Completion.OwnCompletionAsync(world.ProjectId, account, cohort.Cohort.Id, None);
        var stranger = await world.Completion.OwnCompletionAsync(world.ProjectId, Guid.NewGuid().ToString(), cohort.Cohort.Id, None);
        var read = await world.Courses.ReadAsParticipantAsync(world.ProjectId, account, cohort.Cohort.Id, None);

        Assert.Equal([amina.Id], own.Participants.Select(p => p.ParticipantId));
        Assert.Equal(ChangeOutcome.NotFound, stranger.Outcome);
        Assert.Equal([amina.Id], read!.Cohort.Participants.Select(p => p.Id));
        Assert.All(read.Attendance, e => Assert.Equal(amina.Id, e.ParticipantId));
        Assert.Equal([cohort.Cohort.Id], (await world.Courses.CohortsOfParticipantAsync(world.ProjectId, account, None)).Select(r => r.Cohort.Id));
    }

    [Fact]
    public async Task A_woman_who_completed_becomes_a_neighbourhood_mother_once_and_one_who_did_not_does_not()
    {
        var world = await new CourseWorld(host).SeedAsync();
        var account = Guid.NewGuid().ToString();
        var (cohort, amina, fatima) = await HeldAsync(world, account);

        var made = await world.Completion.MakeNeighbourhoodMotherAsync(world.Coordinator, CourseWorld.TenantId, cohort.Cohort.Id, amina.Id, None);
        var again = await world.Completion.MakeNeighbourhoodMotherAsync(world.Coordinator, CourseWorld.TenantId, cohort.Cohort.Id, amina.Id, None);
        var noAccount = await world.Completion.MakeNeighbourhoodMotherAsync(world.Coordinator, CourseWorld.TenantId, cohort.Cohort.Id, fatima.Id, None);
        var byTeacher = await world.Completion.MakeNeighbourhoodMotherAsync(world.Teacher, CourseWorld.TenantId, cohort.Cohort.Id, amina.Id, None);

        Assert.Equal(ChangeOutcome.Changed, made.Outcome);
        Assert.Equal(ChangeOutcome.Duplicate, again.Outcome);
        Assert.Equal(CourseErrors.Required, noAccount.Errors[CourseService.Fields.ObjectId]);
        Assert.Equal(ChangeOutcome.Forbidden, byTeacher.Outcome);
        var member = await host.Get<DirectoryStore>().FindMemberAsync(world.ProjectId, account, None);
        Assert.Equal((ProjectRole.NeighbourhoodMother, "Amina"), (member!.Role, member.FirstName));
    }

    [Fact]
    public async Task One_who_has_not_completed_is_not_made_a_neighbourhood_mother()
    {
        var world = await new CourseWorld(host).SeedAsync();
        var cohort = await world.CohortAsync();
        var id = cohort.Cohort.Id;
        var fatima = cohort.Cohort.Participants.Single(p => p.Name == "Fatima");
        var account = Guid.NewGuid().ToString();
        var withAccount = await world.Courses.RenameParticipantAsync(world.Coordinator, id, cohort.Cohort.Version, fatima.Id, new ParticipantInput("Fatima", account), null, None);
        Assert.Equal(ChangeOutcome.Changed, withAccount.Outcome);
        world.SetToday(new DateOnly(2031, 2, 4));
        await world.Courses.RecordAttendanceAsync(world.Coordinator, id, "s01", new Dictionary<string, AttendanceMark> { [fatima.Id] = AttendanceMark.Absent }, None);

        var refused = await world.Completion.MakeNeighbourhoodMotherAsync(world.Coordinator, CourseWorld.TenantId, id, fatima.Id, None);

        Assert.Equal(ChangeOutcome.InvalidTransition, refused.Outcome);
        Assert.Null(await host.Get<DirectoryStore>().FindMemberAsync(world.ProjectId, account, None));
    }
}
