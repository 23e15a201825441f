using Microsoft.Extensions.Time.Testing;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using PartnerHub.Api.Course;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;
using PartnerHub.Tests.Shared;

namespace PartnerHub.Api.Tests.Course;

/// <summary>The course's storage against Azurite: changes applied once, lost races, and a teacher never confirmed twice.</summary>
public sealed class CourseStoreTests : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string Coordinator = "c0a1b2c3-0000-4000-8000-0000000000c1";
    private const string OtherCoordinator = "c0a1b2c3-0000-4000-8000-0000000000c2";
    private const string Teacher = "7e0a1b2c-0000-4000-8000-0000000000e1";
    private const string OtherTeacher = "7e0a1b2c-0000-4000-8000-0000000000e2";

    private readonly string _projectA = "pa" + UniqueIds.Next(8);
    private readonly string _projectB = "pb" + UniqueIds.Next(8);
    private TableStore _tables = null!;
    private CourseStore _store = null!;
    private TeacherSlots _slots = null!;

    // The slots' clock: real time unless a test moves it on to make a slot look old.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private OutboxWriter _outbox = null!;

    public async Task InitializeAsync()
    {
        _tables = await AzuriteFixture.NewStoreAsync();
        _slots = new TeacherSlots(_tables, _clock);
        _store = new CourseStore(_tables, _slots, new AuditLog(_tables, TimeProvider.System, NullLogger<AuditLog>.Instance), TimeProvider.System);
        _outbox = new OutboxWriter(new UlidGenerator(TimeProvider.System), TimeProvider.System);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly CancellationToken None = CancellationToken.None;

    // Tuesdays, 17:00-19:00 Copenhagen time, in the future so nothing is past.
    private static CoursePlan Plan(string name = "Hold 1") => new(
        name, DayOfWeek.Tuesday, new TimeOnly(17, 0), new TimeOnly(19, 0), "Kvindecenteret",
        [
            new CourseSession("s01", new DateOnly(2030, 1, 8), "concept", false, CourseSessionState.Planned),
            new CourseSession("s02", new DateOnly(2030, 1, 15), "health", false, CourseSessionState.Planned),
            new CourseSession("s03", new DateOnly(2030, 1, 22), null, false, CourseSessionState.Planned),
        ],
        []);

    private static Cohort NewCohort(string projectId, string id = "hold-1") =>
        new(id, projectId, Plan(), [new CourseParticipant("p1", "Amina"), new CourseParticipant("p2", "Fatima")], 1);

    private static TeacherBooking NewBooking(string projectId, string id, string sessionId, string teacherId, string cohortId = "hold-1", TimeSpan? shift = null)
    {
        var plan = Plan();
        var (start, end) = plan.TimesOf(plan.Find(sessionId)!)!.Value;
        var by = shift ?? TimeSpan.Zero;
        return new TeacherBooking(id, projectId, cohortId, sessionId, teacherId, start + by, end + by, BookingState.Requested, DateTimeOffset.UtcNow, 1) { GroupSize = 2 };
    }

    private static TeacherBooking Confirmed(TeacherBooking booking) => booking with { State = BookingState.Confirmed, Version = booking.Version + 1 };

    private static CourseChange Change(string actor, string record, int version, string action, object command) =>
        new(actor, action, ChangeFingerprint.Of(actor, record, version.ToString(System.Globalization.CultureInfo.InvariantCulture), action, command));

    private OutboxEntry Message(string projectId, string kind, string bookingId) =>
        _outbox.Create(projectId, new OutboxMessage(kind, $"{{\"bookingId\":\"{bookingId}\"}}"));

    private async Task<StoredBooking> RequestedAsync(TeacherBooking booking)
    {
        var written = await _store.RequestBookingAsync(booking, Change(Coordinator, booking.Id, 0, "Request", new { booking.TeacherId, booking.SessionId }), [Message(booking.ProjectId, "course.booking.requested", booking.Id)], None);
        Assert.Equal(ChangeOutcome.Changed, written.Outcome);
        return (await _store.FindBookingAsync(booking.ProjectId, booking.CohortId, booking.Id, None))!;
    }

    private Task<CourseWrite> ConfirmAsync(StoredBooking stored, string actor = Teacher) =>
        _store.ChangeBookingAsync(stored, Confirmed(stored.Booking), Change(actor, stored.Booking.Id, stored.Booking.Version, "Accept", new AcceptBooking()), [Message(stored.Booking.ProjectId, "course.booking.confirmed", stored.Booking.Id)], None);

    private async Task<int> CountAsync(string projectId, string rowKeyPrefix)
    {
        var count = 0;
        await foreach (var _ in _tables.Table(TableNames.Main).QueryAsync<TableEntity>(TableQueries.Prefix(projectId, rowKeyPrefix), select: ["RowKey"]))
        {
            count++;
        }

        return count;
    }

    [Fact]
    public async Task A_cohort_its_bookings_and_attendance_read_back_as_written_with_who_wrote_them()
    {
        var cohort = NewCohort(_projectA);
        var created = await _store.CreateCohortAsync(cohort, Change(Coordinator, cohort.Id, 0, "Create", cohort), [Message(_projectA, "course.created", cohort.Id)], None);

        Assert.Equal(ChangeOutcome.Changed, created.Outcome);
        var stored = await _store.FindCohortAsync(_projectA, cohort.Id, None);
        Assert.Equal(cohort, stored!.Cohort);
        var row = await _tables.Table(TableNames.Main).GetEntityAsync<TableEntity>(_projectA, CourseStore.CohortKey(cohort.Id));
        Assert.Equal(Coordinator, row.Value.GetString("ChangedBy"));
        Assert.Equal(1, await CountAsync(_projectA, OutboxKeys.Prefix));

        var booking = await RequestedAsync(NewBooking(_projectA, "b1", "s01", Teacher) with { Note = "Tag gerne billeder med." });
        Assert.Equal("Tag gerne billeder med.", booking.Booking.Note);
        Assert.Equal(new[] { booking.Booking }, (await _store.BookingsAsync(_projectA, cohort.Id, None)).Select(b => b.Booking));

        var before = await _store.AttendanceAsync(_projectA, cohort.Id, None);
        var (register, errors) = before.Register.Record(cohort.Plan, cohort.Participants, "s01",
            new Dictionary<string, AttendanceMark> { ["p1"] = AttendanceMark.Present, ["p2"] = AttendanceMark.Excused }, new DateOnly(2030, 1, 8));
        Assert.Empty(errors);
        var marked = await _store.RecordAttendanceAsync(_projectA, cohort.Id, "s01", before, register!, Change(Coordinator, cohort.Id, 1, "Attendance", register!), None);

        Assert.Equal(ChangeOutcome.Changed, marked.Outcome);
        var after = await _store.AttendanceAsync(_projectA, cohort.Id, None);
        Assert.Equal(register, after.Register);
        Assert.Equal(AttendanceMark.Excused, after.Register.MarkOf("p2", "s01"));
    }

    [Fact]
    public async Task A_retried_change_is_applied_once_and_answered_as_a_duplicate()
    {
        var cohort = NewCohort(_projectA);
        var create = Change(Coordinator, cohort.Id, 0, "Create", cohort);
        Assert.Equal(ChangeOutcome.Changed, (await _store.CreateCohortAsync(cohort, create, [Message(_projectA, "course.created", cohort.Id)], None)).Outcome);
        Assert.Equal(ChangeOutcome.Duplicate, (await _store.CreateCohortAsync(cohort, create, [Message(_projectA, "course.created", cohort.Id)], None)).Outcome);

        var stored = (await _store.FindCohortAsync(_projectA, cohort.Id, None))!;
        var renamed = stored.Cohort with { Plan = Plan("Hold 1 – forår"), Version = 2 };
        var rename = Change(Coordinator, cohort.Id, 1, "Rename", new { name = "Hold 1 – forår" });
        Assert.Equal(ChangeOutcome.Changed, (await _store.UpdateCohortAsync(stored, renamed, [], rename, [Message(_projectA, "course.changed", cohort.Id)], None)).Outcome);
        Assert.Equal(ChangeOutcome.Duplicate, (await _store.UpdateCohortAsync(stored, renamed, [], rename, [Message(_projectA, "course.changed", cohort.Id)], None)).Outcome);

        var booking = await RequestedAsync(NewBooking(_projectA, "b1", "s01", Teacher));
        Assert.Equal(ChangeOutcome.Changed, (await ConfirmAsync(booking)).Outcome);
        Assert.Equal(ChangeOutcome.Duplicate, (await ConfirmAsync(booking)).Outcome);

        // Once each: two cohort messages, the request and one confirmation; her one slot stays held.
        Assert.Equal(4, await CountAsync(_projectA, OutboxKeys.Prefix));
        Assert.Equal(renamed, (await _store.FindCohortAsync(_projectA, cohort.Id, None))!.Cohort);
        Assert.Single(await _slots.ConfirmedAsync(Teacher, None));
    }

    [Fact]
    public async Task Another_change_from_a_stale_version_loses_the_race_and_changes_nothing()
    {
        var cohort = NewCohort(_projectA);
        await _store.CreateCohortAsync(cohort, Change(Coordinator, cohort.Id, 0, "Create", cohort), [], None);
        var stale = (await _store.FindCohortAsync(_projectA, cohort.Id, None))!;
        var first = stale.Cohort with { Plan = Plan("Mandagsholdet"), Version = 2 };
        var second = stale.Cohort with { Plan = Plan("Tirsdagsholdet"), Version = 2 };

        var won = await _store.UpdateCohortAsync(stale, first, [], Change(Coordinator, cohort.Id, 1, "Rename", "Mandagsholdet"), [], None);
        var lost = await _store.UpdateCohortAsync(stale, second, [], Change(OtherCoordinator, cohort.Id, 1, "Rename", "Tirsdagsholdet"), [Message(_projectA, "course.changed", cohort.Id)], None);

        Assert.Equal(ChangeOutcome.Changed, won.Outcome);
        Assert.Equal(ChangeOutcome.Conflict, lost.Outcome);
        Assert.Equal(first, (await _store.FindCohortAsync(_projectA, cohort.Id, None))!.Cohort);
        Assert.Equal(0, await CountAsync(_projectA, OutboxKeys.Prefix));
    }

    [Fact]
    public async Task A_teacher_confirmed_in_one_project_is_refused_at_an_overlapping_time_in_another()
    {
        var inA = await RequestedAsync(NewBooking(_projectA, "b1", "s01", Teacher));
        var overlapping = await RequestedAsync(NewBooking(_projectB, "b1", "s01", Teacher, shift: TimeSpan.FromMinutes(90)));
        var touching = await RequestedAsync(NewBooking(_projectB, "b2", "s02", Teacher, shift: TimeSpan.FromHours(2) - TimeSpan.FromDays(7)));

        Assert.Equal(ChangeOutcome.Changed, (await ConfirmAsync(inA)).Outcome);
        var refused = await ConfirmAsync(overlapping);

        Assert.Equal(new CourseWrite(ChangeOutcome.InvalidTransition, BookingError.TeacherDoubleBooked), refused);
        Assert.Equal(BookingState.Requested, (await _store.FindBookingAsync(_projectB, "hold-1", "b1", None))!.Booking.State);
        Assert.Equal(0, await CountAsync(_projectB, CourseStore.StaffedPrefix));
        // Touching ends do not overlap: 19:00-21:00 after 17:00-19:00 the same day is fine.
        Assert.Equal(ChangeOutcome.Changed, (await ConfirmAsync(touching)).Outcome);
        Assert.Equal(new[] { _projectA, _projectB }, (await _slots.ConfirmedAsync(Teacher, None)).Select(s => s.ProjectId));
    }

    [Fact]
    public async Task Two_confirmations_of_the_same_teacher_at_the_same_time_at_once_exactly_one_wins()
    {
        for (var round = 0; round < 5; round++)
        {
            var teacher = $"7e0a1b2c-0000-4000-8000-00000000{round:0000}";
            var inA = await RequestedAsync(NewBooking(_projectA, $"r{round}", "s01", teacher, cohortId: $"hold-{round}"));
            var inB = await RequestedAsync(NewBooking(_projectB, $"r{round}", "s01", teacher, cohortId: $"hold-{round}"));

            var results = await Task.WhenAll(Task.Run(() => ConfirmAsync(inA, teacher)), Task.Run(() => ConfirmAsync(inB, teacher)));

            Assert.Single(results, r => r.Outcome == ChangeOutcome.Changed);
            Assert.Single(results, r => r.Refusal == BookingError.TeacherDoubleBooked);
            var states = new[]
            {
                (await _store.FindBookingAsync(_projectA, $"hold-{round}", $"r{round}", None))!.Booking.State,
                (await _store.FindBookingAsync(_projectB, $"hold-{round}", $"r{round}", None))!.Booking.State,
            };
            Assert.Single(states, s => s == BookingState.Confirmed);
            Assert.Single(await _slots.ConfirmedAsync(teacher, None));
        }
    }

    [Fact]
    public async Task A_session_never_gets_a_second_confirmed_teacher_and_the_refused_one_keeps_no_slot()
    {
        var first = await RequestedAsync(NewBooking(_projectA, "b1", "s01", Teacher));
        var second = await RequestedAsync(NewBooking(_projectA, "b2", "s01", OtherTeacher));

        Assert.Equal(ChangeOutcome.Changed, (await ConfirmAsync(first)).Outcome);
        var refused = await ConfirmAsync(second, OtherTeacher);

        Assert.Equal(BookingError.SessionAlreadyStaffed, refused.Refusal);
        Assert.Equal(BookingState.Requested, (await _store.FindBookingAsync(_projectA, "hold-1", "b2", None))!.Booking.State);
        Assert.Empty(await _slots.ConfirmedAsync(OtherTeacher, None));
    }

    [Fact]
    public async Task Cancelling_a_confirmed_booking_frees_her_time_and_the_session()
    {
        var first = await RequestedAsync(NewBooking(_projectA, "b1", "s01", Teacher));
        await ConfirmAsync(first);
        var confirmed = (await _store.FindBookingAsync(_projectA, "hold-1", "b1", None))!;
        var cancelled = confirmed.Booking with { State = BookingState.Cancelled, Version = confirmed.Booking.Version + 1 };

        var write = await _store.ChangeBookingAsync(confirmed, cancelled, Change(Coordinator, "b1", confirmed.Booking.Version, "Cancel", new CancelBooking()), [], None);

        Assert.Equal(ChangeOutcome.Changed, write.Outcome);
        Assert.Empty(await _slots.ConfirmedAsync(Teacher, None));
        Assert.Equal(0, await CountAsync(_projectA, CourseStore.StaffedPrefix));
        var replacement = await RequestedAsync(NewBooking(_projectA, "b2", "s01", OtherTeacher));
        Assert.Equal(ChangeOutcome.Changed, (await ConfirmAsync(replacement, OtherTeacher)).Outcome);
    }

    [Fact]
    public async Task A_slot_left_by_a_process_that_died_before_committing_gives_way_once_it_is_old_but_never_while_a_commit_may_be_under_way()
    {
        // Her slot for b1 was claimed, and the process died before the confirmation committed: b1 is only requested.
        var orphaned = await RequestedAsync(NewBooking(_projectA, "b1", "s01", Teacher));
        Assert.Equal(SlotClaim.Claimed, await _slots.ClaimAsync(orphaned.Booking with { State = BookingState.Confirmed }, Coordinator, (_, _) => Task.FromResult(false), None));
        var elsewhere = await RequestedAsync(NewBooking(_projectB, "b9", "s01", Teacher));

        // Within StaleAfter its commit may still be under way: the claim in project B is refused.
        Assert.Equal(BookingError.TeacherDoubleBooked, (await ConfirmAsync(elsewhere)).Refusal);

        _clock.Advance(TeacherSlots.StaleAfter + TimeSpan.FromMinutes(1));
        var confirmed = await ConfirmAsync(elsewhere);

        Assert.Equal(ChangeOutcome.Changed, confirmed.Outcome);
        Assert.Equal([_projectB], (await _slots.ConfirmedAsync(Teacher, None)).Select(s => s.ProjectId));
    }

    [Fact]
    public async Task An_old_slot_with_its_confirmed_booking_behind_it_keeps_refusing_the_teacher()
    {
        var first = await RequestedAsync(NewBooking(_projectA, "b1", "s01", Teacher));
        Assert.Equal(ChangeOutcome.Changed, (await ConfirmAsync(first)).Outcome);
        var elsewhere = await RequestedAsync(NewBooking(_projectB, "b9", "s01", Teacher));

        _clock.Advance(TimeSpan.FromDays(1));
        var refused = await ConfirmAsync(elsewhere);

        Assert.Equal(BookingError.TeacherDoubleBooked, refused.Refusal);
        Assert.Equal([_projectA], (await _slots.ConfirmedAsync(Teacher, None)).Select(s => s.ProjectId));
    }

    [Fact]
    public async Task A_confirmation_whose_commit_fails_leaves_nothing_behind_not_even_her_slot()
    {
        var stale = await RequestedAsync(NewBooking(_projectA, "b1", "s01", Teacher));
        // The coordinator cancels meanwhile: the teacher's accept was made from the version before.
        var cancelled = stale.Booking with { State = BookingState.Cancelled, Version = 2 };
        await _store.ChangeBookingAsync(stale, cancelled, Change(Coordinator, "b1", 1, "Cancel", new CancelBooking()), [], None);
        var outboxBefore = await CountAsync(_projectA, OutboxKeys.Prefix);

        var write = await ConfirmAsync(stale);

        Assert.Equal(ChangeOutcome.Conflict, write.Outcome);
        Assert.Equal(BookingState.Cancelled, (await _store.FindBookingAsync(_projectA, "hold-1", "b1", None))!.Booking.State);
        Assert.Empty(await _slots.ConfirmedAsync(Teacher, None));
        Assert.Equal(0, await CountAsync(_projectA, CourseStore.StaffedPrefix));
        Assert.Equal(outboxBefore, await CountAsync(_projectA, OutboxKeys.Prefix));
    }

    [Fact]
    public async Task A_plan_change_with_a_stale_booking_writes_neither_the_plan_nor_any_booking()
    {
        var cohort = NewCohort(_projectA);
        await _store.CreateCohortAsync(cohort, Change(Coordinator, cohort.Id, 0, "Create", cohort), [], None);
        var stored = (await _store.FindCohortAsync(_projectA, cohort.Id, None))!;
        var fresh = await RequestedAsync(NewBooking(_projectA, "b1", "s01", Teacher));
        var stale = await RequestedAsync(NewBooking(_projectA, "b2", "s02", OtherTeacher));
        var declined = stale.Booking with { State = BookingState.Declined, Version = 2, DeclineReason = "Syg" };
        await _store.ChangeBookingAsync(stale, declined, Change(OtherTeacher, "b2", 1, "Decline", new DeclineBooking("Syg")), [], None);

        // Both sessions move a week later; the plan change carries both bookings, one from before her decline.
        var moved = stored.Cohort with { Plan = Plan("Hold 1 flyttet"), Version = 2 };
        var week = TimeSpan.FromDays(7);
        BookingChange[] bookings =
        [
            new(fresh, fresh.Booking with { Start = fresh.Booking.Start + week, End = fresh.Booking.End + week, Version = 2 }),
            new(stale, stale.Booking with { Start = stale.Booking.Start + week, End = stale.Booking.End + week, Version = 2 }),
        ];
        var write = await _store.UpdateCohortAsync(stored, moved, bookings, Change(Coordinator, cohort.Id, 1, "Move", "week"), [Message(_projectA, "course.changed", cohort.Id)], None);

        Assert.Equal(ChangeOutcome.Conflict, write.Outcome);
        Assert.Equal(cohort, (await _store.FindCohortAsync(_projectA, cohort.Id, None))!.Cohort);
        Assert.Equal(fresh.Booking, (await _store.FindBookingAsync(_projectA, cohort.Id, "b1", None))!.Booking);
        Assert.Equal(declined, (await _store.FindBookingAsync(_projectA, cohort.Id, "b2", None))!.Booking);
        Assert.Equal(2, await CountAsync(_projectA, OutboxKeys.Prefix));
    }

    [Fact]
    public async Task Moving_a_confirmed_booking_with_its_session_moves_her_slot()
    {
        var cohort = NewCohort(_projectA);
        await _store.CreateCohortAsync(cohort, Change(Coordinator, cohort.Id, 0, "Create", cohort), [], None);
        var stored = (await _store.FindCohortAsync(_projectA, cohort.Id, None))!;
        await ConfirmAsync(await RequestedAsync(NewBooking(_projectA, "b1", "s01", Teacher)));
        var confirmed = (await _store.FindBookingAsync(_projectA, cohort.Id, "b1", None))!;
        var week = TimeSpan.FromDays(7);
        var movedBooking = confirmed.Booking with { Start = confirmed.Booking.Start + week, End = confirmed.Booking.End + week, Version = confirmed.Booking.Version + 1 };

        var write = await _store.UpdateCohortAsync(stored, stored.Cohort with { Version = 2 }, [new(confirmed, movedBooking)], Change(Coordinator, cohort.Id, 1, "Move", "week"), [], None);

        Assert.Equal(ChangeOutcome.Changed, write.Outcome);
        var slot = Assert.Single(await _slots.ConfirmedAsync(Teacher, None));
        Assert.Equal(movedBooking.Start, slot.Start);
        Assert.Equal(1, await CountAsync(_projectA, CourseStore.StaffedPrefix));
    }

    [Fact]
    public async Task A_confirmed_booking_whose_end_moves_keeps_one_slot_with_the_new_end()
    {
        var cohort = NewCohort(_projectA);
        await _store.CreateCohortAsync(cohort, Change(Coordinator, cohort.Id, 0, "Create", cohort), [], None);
        var stored = (await _store.FindCohortAsync(_projectA, cohort.Id, None))!;
        await ConfirmAsync(await RequestedAsync(NewBooking(_projectA, "b1", "s01", Teacher)));
        var confirmed = (await _store.FindBookingAsync(_projectA, cohort.Id, "b1", None))!;
        var longer = confirmed.Booking with { End = confirmed.Booking.End + TimeSpan.FromHours(1), Version = confirmed.Booking.Version + 1 };

        var write = await _store.UpdateCohortAsync(stored, stored.Cohort with { Version = 2 }, [new(confirmed, longer)], Change(Coordinator, cohort.Id, 1, "Longer", "1h"), [], None);

        Assert.Equal(ChangeOutcome.Changed, write.Outcome);
        Assert.Equal(longer.End, Assert.Single(await _slots.ConfirmedAsync(Teacher, None)).End);
    }

    [Fact]
    public async Task The_projects_cohorts_are_listed_by_one_prefix_query_and_nothing_else_is()
    {
        await _store.CreateCohortAsync(NewCohort(_projectA, "hold-1"), Change(Coordinator, "hold-1", 0, "Create", "1"), [], None);
        await _store.CreateCohortAsync(NewCohort(_projectA, "hold-2"), Change(Coordinator, "hold-2", 0, "Create", "2"), [], None);
        await _store.CreateCohortAsync(NewCohort(_projectB, "hold-3"), Change(Coordinator, "hold-3", 0, "Create", "3"), [], None);
        await RequestedAsync(NewBooking(_projectA, "b1", "s01", Teacher));

        var listed = await _store.CohortsAsync(_projectA, None);

        Assert.Equal(["hold-1", "hold-2"], listed.Select(c => c.Cohort.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_teachers_bookings_are_found_through_the_index_written_with_the_request()
    {
        await RequestedAsync(NewBooking(_projectA, "b1", "s01", Teacher));
        await RequestedAsync(NewBooking(_projectA, "b2", "s02", OtherTeacher));
        var third = await RequestedAsync(NewBooking(_projectA, "b3", "s03", Teacher));
        Assert.Equal(ChangeOutcome.Changed, (await ConfirmAsync(third)).Outcome);

        var hers = await _store.BookingsOfTeacherAsync(_projectA, Teacher, None);

        Assert.Equal(["b1", "b3"], hers.Select(b => b.Booking.Id).Order(StringComparer.Ordinal));
        Assert.Equal(BookingState.Confirmed, hers.Single(b => b.Booking.Id == "b3").Booking.State);
        Assert.Empty(await _store.BookingsOfTeacherAsync(_projectB, Teacher, None));
        Assert.Equal(3, await CountAsync(_projectA, CourseStore.TeacherIndexPrefix));
    }

    [Fact]
    public async Task A_refused_request_leaves_no_index_row_behind()
    {
        var booking = NewBooking(_projectA, "b1", "s01", Teacher);
        await RequestedAsync(booking);

        // The same booking id again: the add fails, and with it the whole transaction.
        var again = await _store.RequestBookingAsync(booking with { TeacherId = OtherTeacher }, Change(Coordinator, "b1", 0, "Request", new { OtherTeacher }), [], None);

        Assert.Equal(ChangeOutcome.Conflict, again.Outcome);
        Assert.Empty(await _store.BookingsOfTeacherAsync(_projectA, OtherTeacher, None));
        Assert.Equal(1, await CountAsync(_projectA, CourseStore.TeacherIndexPrefix));
    }

    [Fact]
    public async Task A_participants_index_follows_her_account_on_the_list_in_the_cohorts_own_transaction()
    {
        const string Amina = "a0a1b2c3-0000-4000-8000-0000000000a1";
        const string Fatima = "a0a1b2c3-0000-4000-8000-0000000000a2";
        var cohort = NewCohort(_projectA) with { Participants = [new CourseParticipant("p1", "Amina", Amina), new CourseParticipant("p2", "Fatima")] };
        await _store.CreateCohortAsync(cohort, Change(Coordinator, cohort.Id, 0, "Create", cohort), [], None);
        await _store.CreateCohortAsync(NewCohort(_projectA, "hold-2"), Change(Coordinator, "hold-2", 0, "Create", "2"), [], None);
        Assert.Equal(["hold-1"], await _store.CohortsOfParticipantAsync(_projectA, Amina, None));
        Assert.Empty(await _store.CohortsOfParticipantAsync(_projectA, Fatima, None));

        var stored = (await _store.FindCohortAsync(_projectA, cohort.Id, None))!;
        var changed = stored.Cohort with { Participants = [new CourseParticipant("p2", "Fatima", Fatima)], Version = 2 };
        Assert.Equal(ChangeOutcome.Changed, (await _store.UpdateCohortAsync(stored, changed, [], Change(Coordinator, cohort.Id, 1, "Participants", changed.Participants), [], None)).Outcome);

        Assert.Empty(await _store.CohortsOfParticipantAsync(_projectA, Amina, None));
        Assert.Equal(["hold-1"], await _store.CohortsOfParticipantAsync(_projectA, Fatima, None));

        // A lost race writes no index row either.
        var lost = stored.Cohort with { Participants = [new CourseParticipant("p1", "Amina", Amina), new CourseParticipant("p3", "Hodan", "a0a1b2c3-0000-4000-8000-0000000000a3")], Version = 2 };
        Assert.Equal(ChangeOutcome.Conflict, (await _store.UpdateCohortAsync(stored, lost, [], Change(OtherCoordinator, cohort.Id, 1, "Participants", lost.Participants), [], None)).Outcome);
        Assert.Equal(1, await CountAsync(_projectA, CourseStore.ParticipantIndexPrefix));
    }

    [Fact]
    public async Task A_claim_made_on_another_instance_is_never_missed_by_what_this_one_remembers()
    {
        var other = SecondInstance();
        Assert.Equal(ChangeOutcome.Changed, (await ConfirmAsync(await RequestedAsync(NewBooking(_projectA, "b1", "s01", Teacher)))).Outcome);
        // The other instance confirms her in project B at s02's time; this one remembers her slots from before that.
        var inB = await RequestedAsync(NewBooking(_projectB, "b9", "s02", Teacher));
        Assert.Equal(ChangeOutcome.Changed, (await other.ChangeBookingAsync(inB, Confirmed(inB.Booking), Change(Teacher, "b9", 1, "Accept", new AcceptBooking()), [], None)).Outcome);

        var clash = await RequestedAsync(NewBooking(_projectA, "b2", "s02", Teacher, cohortId: "hold-2"));
        var refused = await ConfirmAsync(clash);

        // Its claim was conditional on her guard as it remembered it, which the other's claim had moved on.
        Assert.Equal(BookingError.TeacherDoubleBooked, refused.Refusal);
        Assert.Equal(BookingState.Requested, (await _store.FindBookingAsync(_projectA, "hold-2", "b2", None))!.Booking.State);
        Assert.Equal(["b1", "b9"], (await _slots.ConfirmedAsync(Teacher, None)).Select(s => s.BookingId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_slot_released_on_another_instance_does_not_refuse_her_here()
    {
        var other = SecondInstance();
        await ConfirmAsync(await RequestedAsync(NewBooking(_projectA, "b1", "s01", Teacher)));
        // The other instance cancels it: her slot goes, and this one still remembers it.
        var confirmed = (await _store.FindBookingAsync(_projectA, "hold-1", "b1", None))!;
        var cancelled = confirmed.Booking with { State = BookingState.Cancelled, Version = confirmed.Booking.Version + 1 };
        Assert.Equal(ChangeOutcome.Changed, (await other.ChangeBookingAsync(confirmed, cancelled, Change(Coordinator, "b1", confirmed.Booking.Version, "Cancel", new CancelBooking()), [], None)).Outcome);

        var sameTime = await RequestedAsync(NewBooking(_projectB, "b9", "s01", Teacher));
        var write = await ConfirmAsync(sameTime);

        Assert.Equal(ChangeOutcome.Changed, write.Outcome);
        Assert.Equal(["b9"], (await _slots.ConfirmedAsync(Teacher, None)).Select(s => s.BookingId));
    }

    [Fact]
    public async Task The_cohort_remembered_for_bookings_keeps_no_participant_and_follows_this_instances_changes()
    {
        var store = new CourseStore(_tables, _slots, new AuditLog(_tables, TimeProvider.System, NullLogger<AuditLog>.Instance), TimeProvider.System,
            ReadCaches.Of(600, _clock));
        var cohort = NewCohort(_projectA);
        await store.CreateCohortAsync(cohort, Change(Coordinator, cohort.Id, 0, "Create", cohort), [], None);

        var remembered = (await store.RememberedCohortAsync(_projectA, cohort.Id, None))!;
        Assert.Empty(remembered.Cohort.Participants);
        Assert.Equal(cohort.Plan, remembered.Cohort.Plan);

        var stored = (await store.FindCohortAsync(_projectA, cohort.Id, None))!;
        var moved = stored.Cohort with { Plan = Plan("Hold 1 flyttet"), Version = 2 };
        Assert.Equal(ChangeOutcome.Changed, (await store.UpdateCohortAsync(stored, moved, [], Change(Coordinator, cohort.Id, 1, "Rename", "x"), [], None)).Outcome);

        Assert.Equal("Hold 1 flyttet", (await store.RememberedCohortAsync(_projectA, cohort.Id, None))!.Cohort.Plan.CohortName);
    }

    /// <summary>Another instance on the same tables: what it remembers is its own.</summary>
    private CourseStore SecondInstance() =>
        new(_tables, new TeacherSlots(_tables, _clock), new AuditLog(_tables, TimeProvider.System, NullLogger<AuditLog>.Instance), TimeProvider.System);
}
