namespace PartnerHub.Core.Course;

/// <summary>
/// The two conflict rules, checked whenever a booking becomes or stays confirmed at a time: a teacher is never
/// confirmed twice at overlapping times (across every project she teaches in), and a session never has two confirmed
/// teachers. The caller supplies both lists from storage (<see cref="BookingContext"/>) and writes conditionally, so a
/// race between the read and the write is lost by one side.
/// </summary>
public static class BookingConflicts
{
    /// <summary>The conflict confirming <paramref name="booking"/> at its times would cause; null when none.</summary>
    public static BookingError? Find(TeacherBooking booking, BookingContext context)
    {
        ArgumentNullException.ThrowIfNull(booking);
        ArgumentNullException.ThrowIfNull(context);
        if (context.SessionConfirmed.Any(b => !IsSame(b, booking) && b.State == BookingState.Confirmed && b.SessionId == booking.SessionId && b.CohortId == booking.CohortId && b.ProjectId == booking.ProjectId))
        {
            return BookingError.SessionAlreadyStaffed;
        }

        return context.TeacherConfirmed.Any(b => !IsSame(b, booking) && b.TeacherId == booking.TeacherId && b.State == BookingState.Confirmed && b.Overlaps(booking.Start, booking.End))
            ? BookingError.TeacherDoubleBooked
            : null;
    }

    // Booking ids are unique within a project only.
    private static bool IsSame(TeacherBooking a, TeacherBooking b) => a.Id == b.Id && a.ProjectId == b.ProjectId;
}
