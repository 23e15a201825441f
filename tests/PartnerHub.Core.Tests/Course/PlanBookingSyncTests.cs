using PartnerHub.Core.Course;
using static PartnerHub.Core.Tests.Course.CourseFixtures;

namespace PartnerHub.Core.Tests.Course;

public sealed class PlanBookingSyncTests
{
    [Fact]
    public void A_moved_session_moves_its_confirmed_booking_and_the_result_stays_confirmed()
    {
        var before = Plan();
        var confirmed = InState(BookingState.Confirmed);
        var after = CoursePlanEditor.Move(before, "s04", new DateOnly(2027, 1, 28), SchoolHolidays, Today).Plan!;

        var (booking, command) = Assert.Single(PlanBookingSync.CommandsFor(before, after, [confirmed]));

        Assert.Equal(new MoveWithSession(new DateTimeOffset(2027, 1, 28, 16, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 28, 18, 30, 0, TimeSpan.Zero)), command);
        var moved = BookingWorkflow.Apply(booking, Coordinator, command, Context(after), Now).Booking!;
        Assert.Equal((BookingState.Confirmed, new DateTimeOffset(2027, 1, 28, 16, 0, 0, TimeSpan.Zero)), (moved.State, moved.Start));
    }

    [Fact]
    public void A_reorder_moves_the_bookings_of_every_session_that_changed_date()
    {
        var before = Plan(6);
        var s04 = Requested(before);
        var s01 = s04 with { Id = "b2", SessionId = "s01", Start = before.TimesOf(before.Find("s01")!)!.Value.Start, End = before.TimesOf(before.Find("s01")!)!.Value.End };
        var after = CoursePlanEditor.Reorder(before, ["s01", "s02", "s03", "s05", "s04", "s06"], Today).Plan!;

        var commands = PlanBookingSync.CommandsFor(before, after, [s04, s01]);

        Assert.Equal("b1", Assert.Single(commands).Booking.Id);
    }

    [Fact]
    public void A_cancelled_week_cancels_its_open_and_confirmed_bookings_but_not_final_ones()
    {
        var before = Plan();
        var after = CoursePlanEditor.Cancel(before, "s04", Today).Plan!;
        var confirmed = InState(BookingState.Confirmed);
        var declined = InState(BookingState.Declined) with { Id = "b3" };

        var commands = PlanBookingSync.CommandsFor(before, after, [confirmed, declined]);

        Assert.Equal([(confirmed, (BookingCommand)new CancelBooking())], commands);
    }

    [Fact]
    public void An_unchanged_plan_asks_nothing()
    {
        var plan = Plan();

        Assert.Empty(PlanBookingSync.CommandsFor(plan, plan, [InState(BookingState.Confirmed), InState(BookingState.Requested)]));
    }
}
