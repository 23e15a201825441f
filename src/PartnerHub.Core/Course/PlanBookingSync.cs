namespace PartnerHub.Core.Course;

/// <summary>
/// What a plan change means for the bookings: a session that moved takes its open and confirmed bookings along
/// (<see cref="MoveWithSession"/>), a cancelled week cancels them (<see cref="CancelBooking"/>). The one place that
/// says so, so every plan operation (move, reorder, cancel, an accepted counter-proposal) keeps bookings and plan
/// together; the caller applies the commands as the coordinator in the same change.
/// </summary>
public static class PlanBookingSync
{
    public static IReadOnlyList<(TeacherBooking Booking, BookingCommand Command)> CommandsFor(CoursePlan before, CoursePlan after, IEnumerable<TeacherBooking> bookings)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(bookings);
        var commands = new List<(TeacherBooking, BookingCommand)>();
        foreach (var booking in bookings.Where(b => !b.IsFinal))
        {
            if (before.Find(booking.SessionId) is not { } old || after.Find(booking.SessionId) is not { } now)
            {
                continue;
            }

            if (old.Counts && !now.Counts)
            {
                commands.Add((booking, new CancelBooking()));
            }
            else if (now.Counts && after.TimesOf(now) is { } times && (times.Start != booking.Start || times.End != booking.End))
            {
                commands.Add((booking, new MoveWithSession(times.Start, times.End)));
            }
        }

        return commands;
    }
}
