using PartnerHub.Api.Course;
using PartnerHub.Api.Partners;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Tests.Course;

/// <summary>Teacher bookings through <see cref="CourseBookingService"/>: the workflow, its conflicts and its outbox rows, against Azurite.</summary>
[Collection(CourseServicesGroup.Name)]
public sealed class CourseBookingServiceTests(CourseServiceHost host)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_request_asks_her_with_a_card_and_a_reminder_and_a_retried_request_never_books_twice()
    {
        var world = await new CourseWorld(host).SeedAsync();
        var cohort = await world.CohortAsync();
        var input = new BookingRequestInput("s01", world.TeacherId, "Tag gerne billeder med.");

        var first = await world.Bookings.RequestAsync(world.Coordinator, cohort.Cohort.Id, input, "req-1", None);
        var retry = await world.Bookings.RequestAsync(world.Coordinator, cohort.Cohort.Id, input, "req-1", None);

        Assert.Equal(ChangeOutcome.Changed, first.Outcome);
        Assert.Equal(ChangeOutcome.Duplicate, retry.Outcome);
        Assert.Equal(first.Current!.Booking, retry.Current!.Booking);
        var booking = first.Current.Booking;
        Assert.Equal((BookingState.Requested, 2, world.CoordinatorId), (booking.State, booking.GroupSize, booking.RequestedBy));
        Assert.Single(await world.Store.BookingsAsync(world.ProjectId, cohort.Cohort.Id, None));
        Assert.Equal(1, await world.CountAsync(CourseNotifications.SendBookingCard));
        var reminder = Assert.Single(await world.OutboxAsync(), m => m.Kind == CourseNotifications.BookingReminder);
        Assert.Equal(CourseWorld.Monday.AddDays(BookingReminderPolicy.Default.RemindAfterDays), reminder.DueAt);
    }

    [Fact]
    public async Task Only_a_teacher_of_the_project_is_booked_and_only_by_the_coordinator()
    {
        var world = await new CourseWorld(host).SeedAsync();
        var cohort = await world.CohortAsync();

        var mother = await world.Bookings.RequestAsync(world.Coordinator, cohort.Cohort.Id, new BookingRequestInput("s01", world.MotherId, null), "req-1", None);
        var stranger = await world.Bookings.RequestAsync(world.Coordinator, cohort.Cohort.Id, new BookingRequestInput("s01", Guid.NewGuid().ToString(), null), "req-2", None);
        var byTeacher = await world.Bookings.RequestAsync(world.Teacher, cohort.Cohort.Id, new BookingRequestInput("s01", world.TeacherId, null), "req-3", None);
        var noSession = await world.Bookings.RequestAsync(world.Coordinator, cohort.Cohort.Id, new BookingRequestInput("s99", world.TeacherId, null), "req-4", None);

        Assert.Equal(CourseErrors.NotFound, mother.Errors[CourseBookingService.Fields.Teacher]);
        Assert.Equal(CourseErrors.NotFound, stranger.Errors[CourseBookingService.Fields.Teacher]);
        Assert.Equal(ChangeOutcome.Forbidden, byTeacher.Outcome);
        Assert.Equal(CourseErrors.NotFound, noSession.Errors[BookingWorkflow.Fields.Session]);
        Assert.Empty(await world.Store.BookingsAsync(world.ProjectId, cohort.Cohort.Id, None));
        Assert.Contains((world.TeacherId, nameof(BookingAction.Request), cohort.Cohort.Id), await world.RefusalsAsync());
    }

    [Fact]
    public async Task Her_acceptance_confirms_once_and_writes_one_calendar_event()
    {
        var world = await new CourseWorld(host).SeedAsync();
        var cohort = await world.CohortAsync();
        var booking = await world.RequestAsync(cohort.Cohort.Id, "s01", world.TeacherId);

        var accepted = await world.Bookings.AcceptAsync(world.Teacher, cohort.Cohort.Id, booking.Booking.Id, booking.Booking.Version, null, None);
        var retry = await world.Bookings.AcceptAsync(world.Teacher, cohort.Cohort.Id, booking.Booking.Id, booking.Booking.Version, null, None);

        Assert.Equal(ChangeOutcome.Changed, accepted.Outcome);
        Assert.Equal(BookingState.Confirmed, accepted.Current!.Booking.State);
        Assert.Equal(ChangeOutcome.Duplicate, retry.Outcome);
        Assert.Equal(1, await world.CountAsync(CourseNotifications.CalendarCreate));
        Assert.Single(await host.Get<TeacherSlots>().ConfirmedAsync(world.TeacherId, None));
    }

    [Fact]
    public async Task A_teacher_cannot_answer_another_teachers_booking_and_the_attempt_is_audited()
    {
        var world = await new CourseWorld(host).SeedAsync();
        var cohort = await world.CohortAsync();
        var booking = await world.RequestAsync(cohort.Cohort.Id, "s01", world.TeacherId);

        var accepted = await world.Bookings.AcceptAsync(world.OtherTeacher, cohort.Cohort.Id, booking.Booking.Id, null, null, None);
        var read = await world.Bookings.ReadAsync(world.OtherTeacher, cohort.Cohort.Id, booking.Booking.Id, None);
        var byCoordinator = await world.Bookings.AcceptAsync(world.Coordinator, cohort.Cohort.Id, booking.Booking.Id, null, null, None);

        Assert.Equal(ChangeOutcome.Forbidden, accepted.Outcome);
        Assert.Null(accepted.Current);
        Assert.Equal(ChangeOutcome.Forbidden, read.Outcome);
        Assert.Equal(ChangeOutcome.Forbidden, byCoordinator.Outcome);
        Assert.Equal(BookingState.Requested, (await world.Store.FindBookingAsync(world.ProjectId, cohort.Cohort.Id, booking.Booking.Id, None))!.Booking.State);
        Assert.Contains((world.OtherTeacherId, nameof(BookingAction.Accept), booking.Booking.Id), await world.RefusalsAsync());
    }

    [Fact]
    public async Task A_teacher_confirmed_in_one_project_is_refused_at_an_overlapping_time_in_another()
    {
        var a = await new CourseWorld(host).SeedAsync();
        var b = await new CourseWorld(host).SeedAsync();
        await host.Get<DirectoryStore>().UpsertMemberAsync(CourseWorld.TenantId, new ProjectMember(a.TeacherId, b.ProjectId, ProjectRole.Teacher, null, "Megan"), None);
        var inA = await a.CohortAsync();
        var inB = await b.CohortAsync();
        var first = await a.RequestAsync(inA.Cohort.Id, "s01", a.TeacherId);
        var second = await b.RequestAsync(inB.Cohort.Id, "s01", a.TeacherId);
        var teacherInB = a.Teacher with { ProjectId = b.ProjectId };

        Assert.Equal(ChangeOutcome.Changed, (await a.Bookings.AcceptAsync(a.Teacher, inA.Cohort.Id, first.Booking.Id, null, null, None)).Outcome);
        var refused = await b.Bookings.AcceptAsync(teacherInB, inB.Cohort.Id, second.Booking.Id, null, null, None);

        Assert.Equal(ChangeOutcome.InvalidTransition, refused.Outcome);
        Assert.Equal(BookingError.TeacherDoubleBooked, refused.Refusal);
        Assert.Equal(BookingState.Requested, refused.Current!.Booking.State);
        Assert.Equal(0, await b.CountAsync(CourseNotifications.CalendarCreate));
    }

    [Fact]
    public async Task A_second_teacher_accepting_a_staffed_session_is_refused_at_its_staffing_row_and_keeps_no_slot()
    {
        var world = await new CourseWorld(host).SeedAsync();
        var cohort = await world.CohortAsync();
        var first = await world.RequestAsync(cohort.Cohort.Id, "s01", world.TeacherId);
        var second = await world.RequestAsync(cohort.Cohort.Id, "s01", world.OtherTeacherId);

        Assert.Equal(ChangeOutcome.Changed, (await world.Bookings.AcceptAsync(world.Teacher, cohort.Cohort.Id, first.Booking.Id, first.Booking.Version, null, None)).Outcome);
        // Her answer does not read the cohort's other bookings: the session's staffing row, added in the transaction, refuses it.
        var refused = await world.Bookings.AcceptAsync(world.OtherTeacher, cohort.Cohort.Id, second.Booking.Id, second.Booking.Version, null, None);

        Assert.Equal(ChangeOutcome.InvalidTransition, refused.Outcome);
        Assert.Equal(BookingError.SessionAlreadyStaffed, refused.Refusal);
        Assert.Equal(BookingState.Requested, refused.Current!.Booking.State);
        Assert.Empty(await host.Get<TeacherSlots>().ConfirmedAsync(world.OtherTeacherId, None));
        Assert.Equal(1, await world.CountAsync(CourseNotifications.CalendarCreate));
    }

    [Fact]
    public async Task A_counter_proposal_reaches_the_coordinator_and_accepting_it_moves_the_session_and_confirms_her()
    {
        var world = await new CourseWorld(host).SeedAsync();
        var cohort = await world.CohortAsync();
        var id = cohort.Cohort.Id;
        var booking = await world.RequestAsync(id, "s02", world.TeacherId);

        var wrongDay = await world.Bookings.ProposeAsync(world.Teacher, id, booking.Booking.Id, booking.Booking.Version, "2031-02-12", null, null, None);
        var proposed = await world.Bookings.ProposeAsync(world.Teacher, id, booking.Booking.Id, booking.Booking.Version, "2031-02-12", "true", null, None);
        var accepted = await world.Bookings.AcceptProposalAsync(world.Coordinator, id, booking.Booking.Id, proposed.Current!.Booking.Version, null, None);

        Assert.Equal(CourseErrors.NotCourseWeekday, wrongDay.Errors[BookingWorkflow.Fields.Date]);
        Assert.Equal(BookingState.CounterProposed, proposed.Current.Booking.State);
        Assert.Equal(1, await world.CountAsync(CourseNotifications.SendCoordinatorCard));
        Assert.Equal(ChangeOutcome.Changed, accepted.Outcome);
        Assert.Equal(BookingState.Confirmed, accepted.Current!.Booking.State);
        Assert.Equal(new DateOnly(2031, 2, 12), CopenhagenTime.DateOf(accepted.Current.Booking.Start));
        var plan = (await world.Store.FindCohortAsync(world.ProjectId, id, None))!.Cohort.Plan;
        Assert.Equal(new DateOnly(2031, 2, 12), plan.Find("s02")!.Date);
        Assert.Single(await world.OutboxAsync(), m => m.Kind == CourseNotifications.CalendarCreate && m.Payload.Contains(booking.Booking.Id, StringComparison.Ordinal));
        Assert.Equal(accepted.Current.Booking.Start, Assert.Single(await host.Get<TeacherSlots>().ConfirmedAsync(world.TeacherId, None)).Start);
    }

    [Fact]
    public async Task She_declines_with_a_reason_and_the_coordinator_replaces_her_with_another_teacher()
    {
        var world = await new CourseWorld(host).SeedAsync();
        var cohort = await world.CohortAsync();
        var id = cohort.Cohort.Id;
        var booking = await world.RequestAsync(id, "s01", world.TeacherId);

        var noReason = await world.Bookings.DeclineAsync(world.Teacher, id, booking.Booking.Id, booking.Booking.Version, " ", null, None);
        var declined = await world.Bookings.DeclineAsync(world.Teacher, id, booking.Booking.Id, booking.Booking.Version, "Syg", null, None);
        var replaced = await world.Bookings.ReplaceAsync(world.Coordinator, id, booking.Booking.Id, declined.Current!.Booking.Version, world.OtherTeacherId, null, "req-r", null, None);

        Assert.Equal(CourseErrors.Required, noReason.Errors[BookingWorkflow.Fields.Reason]);
        Assert.Equal(BookingState.Declined, declined.Current.Booking.State);
        Assert.Equal(ChangeOutcome.Changed, replaced.Outcome);
        Assert.Equal((world.OtherTeacherId, BookingState.Requested), (replaced.Current!.Booking.TeacherId, replaced.Current.Booking.State));
        Assert.Equal(BookingState.Replaced, (await world.Store.FindBookingAsync(world.ProjectId, id, booking.Booking.Id, None))!.Booking.State);
    }

    [Fact]
    public async Task A_reminder_is_marked_once_and_the_coordinators_card_is_then_due()
    {
        var world = await new CourseWorld(host).SeedAsync();
        var cohort = await world.CohortAsync();
        var booking = await world.RequestAsync(cohort.Cohort.Id, "s01", world.TeacherId);
        host.Clock.Now = CourseWorld.Monday.AddDays(3);
        var refreshes = await world.CountAsync(CourseNotifications.UpdateCards);

        var marked = await world.Bookings.MarkRemindedAsync(world.ProjectId, cohort.Cohort.Id, booking.Booking.Id, BookingNudge.RemindTeacher, None);
        var again = await world.Bookings.MarkRemindedAsync(world.ProjectId, cohort.Cohort.Id, booking.Booking.Id, BookingNudge.RemindTeacher, None);

        Assert.Equal(ChangeOutcome.Changed, marked.Outcome);
        Assert.Equal(host.Clock.Now, marked.Current!.Booking.RemindedAt);
        Assert.Equal(ChangeOutcome.Duplicate, again.Outcome);
        Assert.Contains((await world.OutboxAsync()), m => m.Kind == CourseNotifications.BookingReminder && m.DueAt == host.Clock.Now.AddDays(BookingReminderPolicy.Default.EscalateAfterDays));
        // The booking's cards show the reminder (its version changed): one refresh, written with the mark, none for the retry.
        Assert.Equal(refreshes + 1, await world.CountAsync(CourseNotifications.UpdateCards));
    }

    [Fact]
    public async Task An_answer_from_the_card_she_had_before_the_reminder_counts_but_not_one_from_before_a_persons_change()
    {
        var world = await new CourseWorld(host).SeedAsync();
        var cohort = await world.CohortAsync();
        var booking = await world.RequestAsync(cohort.Cohort.Id, "s01", world.TeacherId);
        var other = await world.RequestAsync(cohort.Cohort.Id, "s02", world.TeacherId);
        host.Clock.Now = CourseWorld.Monday.AddDays(3);
        await world.Bookings.MarkRemindedAsync(world.ProjectId, cohort.Cohort.Id, booking.Booking.Id, BookingNudge.RemindTeacher, None);

        // The reminder is PartnerHub's bookkeeping: nobody decided anything, so her answer from the older card stands.
        var accepted = await world.Bookings.AcceptAsync(world.Teacher, cohort.Cohort.Id, booking.Booking.Id, booking.Booking.Version, null, None);
        var retried = await world.Bookings.AcceptAsync(world.Teacher, cohort.Cohort.Id, booking.Booking.Id, booking.Booking.Version, null, None);
        Assert.Equal(ChangeOutcome.Changed, accepted.Outcome);
        Assert.Equal(BookingState.Confirmed, accepted.Current!.Booking.State);
        Assert.Equal(ChangeOutcome.Duplicate, retried.Outcome);

        // The coordinator cancelled the other one: her answer from before that is a lost race.
        var cancelled = await world.Bookings.CancelAsync(world.Coordinator, cohort.Cohort.Id, other.Booking.Id, other.Booking.Version, null, None);
        var late = await world.Bookings.AcceptAsync(world.Teacher, cohort.Cohort.Id, other.Booking.Id, other.Booking.Version, null, None);
        Assert.Equal(ChangeOutcome.Changed, cancelled.Outcome);
        Assert.Equal(ChangeOutcome.Conflict, late.Outcome);
        Assert.Equal(BookingState.Cancelled, (await world.Store.FindBookingAsync(world.ProjectId, cohort.Cohort.Id, other.Booking.Id, None))!.Booking.State);
    }

    [Fact]
    public async Task My_bookings_lists_hers_from_every_project_newest_first_and_nobody_elses()
    {
        var a = await new CourseWorld(host).SeedAsync();
        var b = await new CourseWorld(host).SeedAsync();
        await host.Get<DirectoryStore>().UpsertMemberAsync(CourseWorld.TenantId, new ProjectMember(a.TeacherId, b.ProjectId, ProjectRole.Teacher, null, "Megan"), None);
        var inA = await a.CohortAsync();
        var inB = await b.CohortAsync();
        var early = await a.RequestAsync(inA.Cohort.Id, "s01", a.TeacherId);
        var late = await b.RequestAsync(inB.Cohort.Id, "s03", a.TeacherId);
        await a.RequestAsync(inA.Cohort.Id, "s02", a.OtherTeacherId);

        var mine = await a.Bookings.MyBookingsAsync(CourseWorld.TenantId, a.TeacherId, None);

        Assert.Equal([late.Booking.Id, early.Booking.Id], mine.Select(i => i.Booking.Booking.Id));
        Assert.All(mine, i => Assert.NotNull(i.Plan));
    }
}
