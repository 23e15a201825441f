using PartnerHub.Api.Course;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;

namespace PartnerHub.Api.Tests.Course;

/// <summary>Cohorts, participants, attendance and settings through <see cref="CourseService"/>, against Azurite.</summary>
[Collection(CourseServicesGroup.Name)]
public sealed class CourseServiceTests(CourseServiceHost host)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_cohort_gets_a_plan_that_skips_the_projects_school_holidays_and_a_retried_create_makes_no_second()
    {
        var world = await new CourseWorld(host).SeedAsync();
        var saved = await world.Courses.SaveSettingsAsync(world.Coordinator, CourseSettings.Default with
        {
            SchoolHolidays = new SchoolHolidayCalendar([new SchoolHoliday(SchoolHolidayKind.Winter, new DateOnly(2031, 2, 10), new DateOnly(2031, 2, 16))]),
        }, null, None);
        Assert.Equal(ChangeOutcome.Changed, saved.Outcome);

        var first = await world.Courses.CreateAsync(world.Coordinator, CourseWorld.Form(), "req-1", None);
        var retry = await world.Courses.CreateAsync(world.Coordinator, CourseWorld.Form(), "req-1", None);

        Assert.Equal(ChangeOutcome.Changed, first.Outcome);
        Assert.Equal(ChangeOutcome.Duplicate, retry.Outcome);
        Assert.Equal(first.Current!.Cohort.Id, retry.Current!.Cohort.Id);
        var plan = first.Current.Cohort.Plan;
        Assert.Equal([new DateOnly(2031, 2, 4), new DateOnly(2031, 2, 18), new DateOnly(2031, 2, 25), new DateOnly(2031, 3, 4)], plan.Sessions.Select(s => s.Date));
        Assert.Equal(CourseErrors.SchoolHoliday, Assert.Single(plan.Skipped).Reason);
        Assert.Single(await world.Courses.ListAsync(world.Coordinator, None));
        Assert.Equal(1, await world.CountAsync(CourseNotifications.UpdateCards));
    }

    [Fact]
    public async Task An_invalid_form_answers_its_errors_by_field_and_writes_nothing()
    {
        var world = await new CourseWorld(host).SeedAsync();

        var result = await world.Courses.CreateAsync(world.Coordinator, CourseWorld.Form(startDate: "2031-02-05", weeks: "40"), "req-1", None);

        Assert.Equal(ChangeOutcome.InvalidInput, result.Outcome);
        Assert.Equal(CourseErrors.WeekdayMismatch, result.Errors[CohortForm.Fields.StartDate]);
        Assert.Equal(CourseErrors.WeeksOutOfRange, result.Errors[CohortForm.Fields.Weeks]);
        Assert.Empty(await world.Courses.ListAsync(world.Coordinator, None));
        Assert.Empty(await world.OutboxAsync());
    }

    [Fact]
    public async Task Only_the_coordinator_creates_and_lists_cohorts_and_every_refusal_is_audited()
    {
        var world = await new CourseWorld(host).SeedAsync();
        var cohort = await world.CohortAsync();

        var byTeacher = await world.Courses.CreateAsync(world.Teacher, CourseWorld.Form(), "req-t", None);
        var byMother = await world.Plans.CancelSessionAsync(world.Mother, cohort.Cohort.Id, null, "s01", null, None);

        Assert.Equal(ChangeOutcome.Forbidden, byTeacher.Outcome);
        Assert.Equal(ChangeOutcome.Forbidden, byMother.Outcome);
        Assert.Null(byMother.Current);
        Assert.Empty(await world.Courses.ListAsync(world.Teacher, None));
        Assert.Null(await world.Courses.ReadAsync(world.Mother, cohort.Cohort.Id, None));
        Assert.Single(await world.Courses.ListAsync(world.Coordinator, None));
        var refusals = await world.RefusalsAsync();
        Assert.Contains((world.TeacherId, "CreateCohort", "-"), refusals);
        Assert.Contains((world.MotherId, "CancelSession", cohort.Cohort.Id), refusals);
        Assert.Contains((world.MotherId, "View", cohort.Cohort.Id), refusals);
    }

    [Fact]
    public async Task A_teacher_reads_her_own_bookings_and_the_group_size_never_the_names()
    {
        var world = await new CourseWorld(host).SeedAsync();
        var cohort = await world.CohortAsync();
        await world.RequestAsync(cohort.Cohort.Id, "s01", world.TeacherId);
        await world.RequestAsync(cohort.Cohort.Id, "s02", world.OtherTeacherId);

        var read = await world.Courses.ReadAsync(world.Teacher, cohort.Cohort.Id, None);

        Assert.NotNull(read);
        Assert.Equal(CourseViewKind.Teacher, read.View.Kind);
        Assert.Empty(read.Cohort.Participants);
        Assert.Equal(2, read.GroupSize);
        Assert.Equal([world.TeacherId], read.Bookings.Select(b => b.Booking.TeacherId));
        Assert.Empty(read.Attendance);
    }

    [Fact]
    public async Task Participants_are_added_renamed_and_removed_but_not_once_she_has_marks()
    {
        var world = await new CourseWorld(host).SeedAsync();
        var cohort = await world.CohortAsync();
        var id = cohort.Cohort.Id;
        var fatima = cohort.Cohort.Participants.Single(p => p.Name == "Fatima");

        var cpr = await world.Courses.AddParticipantAsync(world.Coordinator, id, cohort.Cohort.Version, new ParticipantInput("Hodan 010190-1234", null), null, None);
        Assert.Equal(CourseErrors.LooksLikeCpr, cpr.Errors[CourseService.Fields.Name]);
        var renamed = await world.Courses.RenameParticipantAsync(world.Coordinator, id, cohort.Cohort.Version, fatima.Id, new ParticipantInput("Fatima Ali", null), null, None);
        Assert.Equal(ChangeOutcome.Changed, renamed.Outcome);
        Assert.Equal("Fatima Ali", renamed.Current!.Cohort.Participants.Single(p => p.Id == fatima.Id).Name);

        world.SetToday(new DateOnly(2031, 2, 4));
        var marked = await world.Courses.RecordAttendanceAsync(world.Coordinator, id, "s01", new Dictionary<string, AttendanceMark> { [fatima.Id] = AttendanceMark.Present }, None);
        Assert.Equal(ChangeOutcome.Changed, marked.Outcome);
        var current = renamed.Current;
        var refused = await world.Courses.RemoveParticipantAsync(world.Coordinator, id, current.Cohort.Version, fatima.Id, null, None);
        var amina = current.Cohort.Participants.Single(p => p.Name == "Amina Hassan");
        var removed = await world.Courses.RemoveParticipantAsync(world.Coordinator, id, current.Cohort.Version, amina.Id, null, None);

        Assert.Equal(ChangeOutcome.InvalidTransition, refused.Outcome);
        Assert.Equal(ChangeOutcome.Changed, removed.Outcome);
        Assert.Equal([fatima.Id], removed.Current!.Cohort.Participants.Select(p => p.Id));
    }

    [Fact]
    public async Task A_full_cohort_refuses_one_more_participant_as_input_and_stores_nothing()
    {
        var world = await new CourseWorld(host).SeedAsync();
        var current = (await world.CohortAsync()).Cohort;
        while (current.Participants.Count < CourseService.MaxParticipants)
        {
            var added = await world.Courses.AddParticipantAsync(world.Coordinator, current.Id, current.Version, new ParticipantInput($"Deltager {current.Participants.Count + 1}", null), null, None);
            Assert.Equal(ChangeOutcome.Changed, added.Outcome);
            current = added.Current!.Cohort;
        }

        var refused = await world.Courses.AddParticipantAsync(world.Coordinator, current.Id, current.Version, new ParticipantInput("Hodan", null), null, None);

        Assert.Equal(ChangeOutcome.InvalidInput, refused.Outcome);
        Assert.Equal(CourseErrors.CohortFull, refused.Errors[CourseService.Fields.Name]);
        var stored = (await world.Store.FindCohortAsync(world.ProjectId, current.Id, None))!.Cohort;
        Assert.Equal(current.Version, stored.Version);
        Assert.Equal(CourseService.MaxParticipants, stored.Participants.Count);
        Assert.DoesNotContain(stored.Participants, p => p.Name == "Hodan");
    }

    [Fact]
    public async Task Attendance_is_recorded_for_a_held_session_once_and_refused_for_one_still_ahead()
    {
        var world = await new CourseWorld(host).SeedAsync();
        var cohort = await world.CohortAsync();
        var id = cohort.Cohort.Id;
        var marks = cohort.Cohort.Participants.ToDictionary(p => p.Id, _ => AttendanceMark.Present);
        world.SetToday(new DateOnly(2031, 2, 11));

        var ahead = await world.Courses.RecordAttendanceAsync(world.Coordinator, id, "s03", marks, None);
        var first = await world.Courses.RecordAttendanceAsync(world.Coordinator, id, "s01", marks, None);
        var retry = await world.Courses.RecordAttendanceAsync(world.Coordinator, id, "s01", marks, None);
        var byTeacher = await world.Courses.RecordAttendanceAsync(world.Teacher, id, "s02", marks, None);

        Assert.Equal(CourseErrors.TooFarAhead, ahead.Errors[CoursePlanEditor.Fields.Session]);
        Assert.Equal(ChangeOutcome.Changed, first.Outcome);
        Assert.Equal(ChangeOutcome.Duplicate, retry.Outcome);
        Assert.Equal(ChangeOutcome.Forbidden, byTeacher.Outcome);
        var register = (await world.Store.AttendanceAsync(world.ProjectId, id, None)).Register;
        Assert.Equal(2, register.Entries.Count);
        Assert.All(register.Entries, e => Assert.Equal("s01", e.SessionId));
    }

    [Fact]
    public async Task Two_coordinators_racing_on_one_cohort_one_wins_the_other_is_told_and_nothing_is_lost()
    {
        var world = await new CourseWorld(host).SeedAsync();
        var cohort = await world.CohortAsync();
        var id = cohort.Cohort.Id;
        var other = new PartnerHub.Core.Partners.Actor(Guid.NewGuid().ToString(), world.ProjectId, PartnerHub.Core.Partners.ProjectRole.Coordinator, null);

        var results = await Task.WhenAll(
            world.Plans.MoveSessionAsync(world.Coordinator, id, cohort.Cohort.Version, "s02", "2031-02-13", null, None),
            world.Plans.CancelSessionAsync(other, id, cohort.Cohort.Version, "s03", null, None));

        Assert.Single(results, r => r.Outcome == ChangeOutcome.Changed);
        var lost = Assert.Single(results, r => r.Outcome == ChangeOutcome.Conflict);
        var now = (await world.Store.FindCohortAsync(world.ProjectId, id, None))!.Cohort;
        Assert.Equal(now, lost.Current!.Cohort);
        Assert.Equal(cohort.Cohort.Version + 1, now.Version);
        var moved = now.Plan.Find("s02")!.Date == new DateOnly(2031, 2, 13);
        var cancelled = !now.Plan.Find("s03")!.Counts;
        Assert.True(moved ^ cancelled);

        // The loser sends again from the version it was shown, and both changes stand.
        var again = results[0].Outcome == ChangeOutcome.Conflict
            ? await world.Plans.MoveSessionAsync(world.Coordinator, id, now.Version, "s02", "2031-02-13", null, None)
            : await world.Plans.CancelSessionAsync(other, id, now.Version, "s03", null, None);
        Assert.Equal(ChangeOutcome.Changed, again.Outcome);
        Assert.Equal(new DateOnly(2031, 2, 13), again.Current!.Cohort.Plan.Find("s02")!.Date);
        Assert.False(again.Current.Cohort.Plan.Find("s03")!.Counts);
    }

    [Fact]
    public async Task Settings_are_saved_on_the_etag_read_a_stale_etag_loses_and_only_the_coordinator_sees_them()
    {
        var world = await new CourseWorld(host).SeedAsync();
        var strict = CourseSettings.Default with { Completion = new CompletionRule(90) };
        var lenient = CourseSettings.Default with { Completion = new CompletionRule(60) };

        var first = await world.Courses.SaveSettingsAsync(world.Coordinator, strict, null, None);
        var retry = await world.Courses.SaveSettingsAsync(world.Coordinator, strict, null, None);
        var stale = await world.Courses.SaveSettingsAsync(world.Coordinator, lenient, null, None);
        var invalid = await world.Courses.SaveSettingsAsync(world.Coordinator, CourseSettings.Default with { Completion = new CompletionRule(0) }, first.Current!.ETag, None);
        var byTeacher = await world.Courses.GetSettingsAsync(world.Teacher, None);

        Assert.Equal(ChangeOutcome.Changed, first.Outcome);
        Assert.Equal(ChangeOutcome.Duplicate, retry.Outcome);
        Assert.Equal(ChangeOutcome.Conflict, stale.Outcome);
        Assert.Equal(90, stale.Current!.Settings.Completion.MinimumPercent);
        Assert.Equal(CourseErrors.OutOfRange, invalid.Errors["completion.minimumPercent"]);
        Assert.Equal(ChangeOutcome.Forbidden, byTeacher.Outcome);
        Assert.Equal(90, (await world.Courses.GetSettingsAsync(world.Coordinator, None)).Current!.Settings.Completion.MinimumPercent);
    }
}
