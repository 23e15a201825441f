using PartnerHub.Api.Course;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;

namespace PartnerHub.Api.Tests.Course;

/// <summary>The plan's operations through <see cref="CoursePlanService"/>: the bookings move or go with their sessions, in the same change.</summary>
[Collection(CourseServicesGroup.Name)]
public sealed class CoursePlanServiceTests(CourseServiceHost host)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Moving_a_session_moves_its_confirmed_booking_in_outlook_and_asks_a_requested_teacher_afresh()
    {
        var world = await new CourseWorld(host).SeedAsync();
        var cohort = await world.CohortAsync();
        var id = cohort.Cohort.Id;
        var confirmed = await world.RequestAsync(id, "s01", world.TeacherId);
        Assert.Equal(ChangeOutcome.Changed, (await world.Bookings.AcceptAsync(world.Teacher, id, confirmed.Booking.Id, confirmed.Booking.Version, null, None)).Outcome);
        var requested = await world.RequestAsync(id, "s02", world.OtherTeacherId);
        var before = await world.OutboxAsync();

        var moved = await world.Plans.MoveSessionAsync(world.Coordinator, id, cohort.Cohort.Version, "s01", "2031-02-06", null, None);
        var alsoMoved = await world.Plans.MoveSessionAsync(world.Coordinator, id, moved.Current!.Cohort.Version, "s02", "2031-02-13", null, None);

        Assert.Equal(ChangeOutcome.Changed, moved.Outcome);
        Assert.Equal(ChangeOutcome.Changed, alsoMoved.Outcome);
        var first = (await world.Store.FindBookingAsync(world.ProjectId, id, confirmed.Booking.Id, None))!.Booking;
        var second = (await world.Store.FindBookingAsync(world.ProjectId, id, requested.Booking.Id, None))!.Booking;
        Assert.Equal(BookingState.Confirmed, first.State);
        Assert.Equal(new DateOnly(2031, 2, 6), PartnerHub.Core.Localization.CopenhagenTime.DateOf(first.Start));
        Assert.Equal(BookingState.Requested, second.State);
        Assert.Equal(new DateOnly(2031, 2, 13), PartnerHub.Core.Localization.CopenhagenTime.DateOf(second.Start));
        var after = await world.OutboxAsync();
        int Added(string kind, string? bookingId = null) =>
            after.Count(m => m.Kind == kind && (bookingId is null || m.Payload.Contains(bookingId, StringComparison.Ordinal)))
            - before.Count(m => m.Kind == kind && (bookingId is null || m.Payload.Contains(bookingId, StringComparison.Ordinal)));
        Assert.Equal(1, Added(CourseNotifications.CalendarUpdate, first.Id));
        Assert.Equal(0, Added(CourseNotifications.CalendarUpdate, second.Id));
        Assert.Equal(1, Added(CourseNotifications.SendBookingCard, second.Id));
        Assert.Equal(0, Added(CourseNotifications.SendBookingCard, first.Id));
        Assert.Equal(2, Added(CourseNotifications.UpdateCards));
        Assert.Equal(first.Start, Assert.Single(await host.Get<TeacherSlots>().ConfirmedAsync(world.TeacherId, None)).Start);
    }

    [Fact]
    public async Task Cancelling_a_week_cancels_its_confirmed_booking_frees_her_time_and_cancels_the_outlook_event()
    {
        var world = await new CourseWorld(host).SeedAsync();
        var cohort = await world.CohortAsync();
        var id = cohort.Cohort.Id;
        var booking = await world.RequestAsync(id, "s03", world.TeacherId);
        await world.Bookings.AcceptAsync(world.Teacher, id, booking.Booking.Id, null, null, None);

        var cancelled = await world.Plans.CancelSessionAsync(world.Coordinator, id, cohort.Cohort.Version, "s03", null, None);

        Assert.Equal(ChangeOutcome.Changed, cancelled.Outcome);
        Assert.False(cancelled.Current!.Cohort.Plan.Find("s03")!.Counts);
        Assert.Equal(BookingState.Cancelled, (await world.Store.FindBookingAsync(world.ProjectId, id, booking.Booking.Id, None))!.Booking.State);
        Assert.Equal(1, await world.CountAsync(CourseNotifications.CalendarCancel));
        Assert.Empty(await host.Get<TeacherSlots>().ConfirmedAsync(world.TeacherId, None));
    }

    [Fact]
    public async Task A_move_to_a_time_she_is_confirmed_elsewhere_is_refused_and_writes_nothing()
    {
        var world = await new CourseWorld(host).SeedAsync();
        var elsewhere = await new CourseWorld(host).SeedAsync();
        var here = await world.CohortAsync();
        var there = await elsewhere.CohortAsync();
        // The same teacher teaches in both projects.
        await host.Get<PartnerHub.Api.Partners.DirectoryStore>().UpsertMemberAsync(CourseWorld.TenantId,
            new PartnerHub.Core.Partners.ProjectMember(world.TeacherId, elsewhere.ProjectId, PartnerHub.Core.Partners.ProjectRole.Teacher, null, "Megan"), None);
        var ours = await world.RequestAsync(here.Cohort.Id, "s01", world.TeacherId);
        await world.Bookings.AcceptAsync(world.Teacher, here.Cohort.Id, ours.Booking.Id, null, null, None);
        var theirs = await elsewhere.RequestAsync(there.Cohort.Id, "s02", world.TeacherId);
        await elsewhere.Bookings.AcceptAsync(world.Teacher with { ProjectId = elsewhere.ProjectId }, there.Cohort.Id, theirs.Booking.Id, null, null, None);
        // Here the 11th is free (its week cancelled); there she teaches on the 11th at the same time.
        var freed = await world.Plans.CancelSessionAsync(world.Coordinator, here.Cohort.Id, here.Cohort.Version, "s02", null, None);
        var before = await world.OutboxAsync();

        var refused = await world.Plans.MoveSessionAsync(world.Coordinator, here.Cohort.Id, freed.Current!.Cohort.Version, "s01", "2031-02-11", null, None);

        Assert.Equal(ChangeOutcome.InvalidTransition, refused.Outcome);
        Assert.Equal(BookingError.TeacherDoubleBooked, refused.Refusal);
        Assert.Equal(freed.Current.Cohort, (await world.Store.FindCohortAsync(world.ProjectId, here.Cohort.Id, None))!.Cohort);
        Assert.Equal(before, await world.OutboxAsync());
    }

    [Fact]
    public async Task Reorder_and_an_excursion_change_the_plan_and_a_bad_date_answers_by_field()
    {
        var world = await new CourseWorld(host).SeedAsync();
        var cohort = await world.CohortAsync();
        var id = cohort.Cohort.Id;

        var reordered = await world.Plans.ReorderAsync(world.Coordinator, id, cohort.Cohort.Version, ["s02", "s01", "s03", "s04"], null, None);
        var badDate = await world.Plans.AddExcursionAsync(world.Coordinator, id, reordered.Current!.Cohort.Version, "museum", "5. marts", null, None);
        var theme = ThemeCatalogue.Default.Themes.First(t => t.IsExcursion).Id;
        var excursion = await world.Plans.AddExcursionAsync(world.Coordinator, id, reordered.Current.Cohort.Version, theme, "2031-03-06", null, None);

        Assert.Equal(ChangeOutcome.Changed, reordered.Outcome);
        Assert.Equal(new DateOnly(2031, 2, 4), reordered.Current.Cohort.Plan.Find("s02")!.Date);
        Assert.Equal(CourseErrors.InvalidDate, badDate.Errors[CoursePlanEditor.Fields.Date]);
        Assert.Equal(ChangeOutcome.Changed, excursion.Outcome);
        Assert.True(excursion.Current!.Cohort.Plan.Find("s05")!.IsExcursion);
    }
}
