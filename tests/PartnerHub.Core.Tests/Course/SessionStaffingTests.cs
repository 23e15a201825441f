using PartnerHub.Core.Course;

namespace PartnerHub.Core.Tests.Course;

public class SessionStaffingTests
{
    private static readonly DateOnly Today = new(2027, 1, 12);
    private static readonly CourseSession Next = new("s04", new DateOnly(2027, 1, 19), "health", false, CourseSessionState.Planned);
    private static readonly DateTimeOffset Asked = new(2027, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static TeacherBooking Booking(string id, BookingState state, string sessionId = "s04", int daysLater = 0) =>
        new(id, "vollsmose", "hold-2", sessionId, "teacher-" + id, Asked.AddDays(14), Asked.AddDays(14).AddHours(2), state, Asked.AddDays(daysLater), 1);

    [Theory]
    [InlineData(new BookingState[0], SessionStaffingState.Open)]
    [InlineData(new[] { BookingState.Requested }, SessionStaffingState.Awaiting)]
    [InlineData(new[] { BookingState.CounterProposed }, SessionStaffingState.CounterProposed)]
    [InlineData(new[] { BookingState.Confirmed }, SessionStaffingState.Booked)]
    [InlineData(new[] { BookingState.Declined }, SessionStaffingState.Open)]
    [InlineData(new[] { BookingState.Replaced, BookingState.Cancelled, BookingState.Declined }, SessionStaffingState.Open)]
    [InlineData(new[] { BookingState.Declined, BookingState.Requested }, SessionStaffingState.Awaiting)]
    [InlineData(new[] { BookingState.Requested, BookingState.Confirmed }, SessionStaffingState.Booked)]
    [InlineData(new[] { BookingState.Requested, BookingState.CounterProposed }, SessionStaffingState.CounterProposed)]
    public void A_future_sessions_state_is_its_live_bookings(BookingState[] states, SessionStaffingState expected)
    {
        var bookings = states.Select((s, i) => Booking("b" + i, s)).ToList();

        Assert.Equal(expected, SessionStaffing.Of(Next, bookings, Today));
    }

    [Fact]
    public void A_held_or_cancelled_session_says_so_whatever_its_bookings()
    {
        var confirmed = new[] { Booking("b1", BookingState.Confirmed) };

        Assert.Equal(SessionStaffingState.Held, SessionStaffing.Of(Next, confirmed, Next.Date.AddDays(1)));
        Assert.Equal(SessionStaffingState.Booked, SessionStaffing.Of(Next, confirmed, Next.Date));
        Assert.Equal(SessionStaffingState.Cancelled, SessionStaffing.Of(Next with { State = CourseSessionState.Cancelled }, confirmed, Today));
    }

    [Fact]
    public void Another_sessions_booking_does_not_count_and_the_newest_request_is_the_live_one()
    {
        Assert.Equal(SessionStaffingState.Open, SessionStaffing.Of(Next, [Booking("b1", BookingState.Confirmed, "s05")], Today));
        Assert.Equal("b2", SessionStaffing.ActiveBooking(Next, [Booking("b1", BookingState.Requested), Booking("b2", BookingState.Requested, daysLater: 2)])!.Id);
    }
}
