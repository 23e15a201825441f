using PartnerHub.Core.Course;
using static PartnerHub.Core.Tests.Course.CourseFixtures;

namespace PartnerHub.Core.Tests.Course;

public sealed class BookingRemindersTests
{
    private static readonly BookingReminderPolicy Policy = new(RemindAfterDays: 3, EscalateAfterDays: 2);

    [Fact]
    public void Unanswered_after_N_days_a_reminder_then_after_M_more_the_coordinator()
    {
        var booking = Requested();

        Assert.Equal(BookingNudge.None, Policy.Due(booking, Now.AddDays(3).AddMinutes(-1)));
        Assert.Equal(BookingNudge.RemindTeacher, Policy.Due(booking, Now.AddDays(3)));

        var reminded = BookingReminderPolicy.MarkSent(booking, BookingNudge.RemindTeacher, Now.AddDays(3)).Booking!;
        Assert.Equal(BookingNudge.None, Policy.Due(reminded, Now.AddDays(4)));
        Assert.Equal(BookingNudge.EscalateToCoordinator, Policy.Due(reminded, Now.AddDays(5)));

        var escalated = BookingReminderPolicy.MarkSent(reminded, BookingNudge.EscalateToCoordinator, Now.AddDays(5)).Booking!;
        Assert.Equal(BookingNudge.None, Policy.Due(escalated, Now.AddDays(9)));
    }

    [Fact]
    public void A_nudge_is_bookkeeping_a_new_version_that_leaves_her_answer_current()
    {
        var booking = Requested();

        var reminded = BookingReminderPolicy.MarkSent(booking, BookingNudge.RemindTeacher, Now.AddDays(3)).Booking!;
        var escalated = BookingReminderPolicy.MarkSent(reminded, BookingNudge.EscalateToCoordinator, Now.AddDays(5)).Booking!;

        Assert.Equal((booking.Version + 2, booking.DecidedVersion), (escalated.Version, escalated.DecidedVersion));
        Assert.True(escalated.IsCurrentFor(booking.Version));
    }

    [Fact]
    public void Marking_the_same_nudge_twice_changes_nothing()
    {
        var reminded = BookingReminderPolicy.MarkSent(Requested(), BookingNudge.RemindTeacher, Now).Booking!;

        var again = BookingReminderPolicy.MarkSent(reminded, BookingNudge.RemindTeacher, Now.AddHours(1));

        Assert.False(again.Changed);
        Assert.Equal(reminded, again.Booking);
    }

    [Theory]
    [InlineData(BookingState.Confirmed)]
    [InlineData(BookingState.CounterProposed)]
    [InlineData(BookingState.Declined)]
    [InlineData(BookingState.Cancelled)]
    [InlineData(BookingState.Replaced)]
    public void Only_a_request_awaiting_the_teacher_is_nudged(BookingState state) =>
        Assert.Equal(BookingNudge.None, Policy.Due(InState(state), Now.AddDays(20)));

    [Fact]
    public void No_nudge_once_the_session_has_started()
    {
        var booking = Requested();

        Assert.Equal(BookingNudge.None, Policy.Due(booking, booking.Start));
    }

    [Fact]
    public void A_moved_session_asks_afresh()
    {
        var reminded = BookingReminderPolicy.MarkSent(Requested(), BookingNudge.RemindTeacher, Now.AddDays(3)).Booking!;

        var moved = BookingWorkflow.Apply(reminded, Coordinator, new MoveWithSession(reminded.Start.AddDays(7), reminded.End.AddDays(7)), Context(), Now.AddDays(4)).Booking!;

        Assert.Null(moved.RemindedAt);
        Assert.Equal(BookingNudge.None, Policy.Due(moved, Now.AddDays(6)));
        Assert.Equal(BookingNudge.RemindTeacher, Policy.Due(moved, Now.AddDays(7)));
    }

    [Fact]
    public void The_policy_is_validated()
    {
        Assert.Empty(BookingReminderPolicy.Default.Validate());
        var errors = new BookingReminderPolicy(0, 31).Validate();
        Assert.Equal(2, errors.Count);
        Assert.All(errors.Values, code => Assert.Equal(CourseErrors.DaysOutOfRange, code));
    }
}
