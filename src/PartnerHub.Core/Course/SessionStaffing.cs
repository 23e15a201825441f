namespace PartnerHub.Core.Course;

/// <summary>A plan row at a glance, as the coordinator's course view, the tab and REST show it.</summary>
public enum SessionStaffingState
{
    /// <summary>No teacher asked, or every one asked has declined, been replaced or cancelled.</summary>
    Open,

    /// <summary>A teacher has been asked and not yet answered.</summary>
    Awaiting,

    /// <summary>The teacher proposed another date: the coordinator's move.</summary>
    CounterProposed,

    /// <summary>A teacher is confirmed.</summary>
    Booked,

    /// <summary>The session's date has passed.</summary>
    Held,

    /// <summary>The week is cancelled.</summary>
    Cancelled,
}

/// <summary>The one rule for a session's state at a glance and which of its bookings is the live one.</summary>
public static class SessionStaffing
{
    public static SessionStaffingState Of(CourseSession session, IEnumerable<TeacherBooking> bookings, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!session.Counts)
        {
            return SessionStaffingState.Cancelled;
        }

        if (session.Date < today)
        {
            return SessionStaffingState.Held;
        }

        return ActiveBooking(session, bookings)?.State switch
        {
            BookingState.Confirmed => SessionStaffingState.Booked,
            BookingState.CounterProposed => SessionStaffingState.CounterProposed,
            BookingState.Requested => SessionStaffingState.Awaiting,
            _ => SessionStaffingState.Open,
        };
    }

    /// <summary>The session's booking that is not final, the confirmed one first, then a counter-proposal, then a request.</summary>
    public static TeacherBooking? ActiveBooking(CourseSession session, IEnumerable<TeacherBooking> bookings)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(bookings);
        return bookings.Where(b => b.SessionId == session.Id && !b.IsFinal)
            .OrderBy(b => b.State switch { BookingState.Confirmed => 0, BookingState.CounterProposed => 1, _ => 2 })
            .ThenByDescending(b => b.AwaitingSince)
            .FirstOrDefault();
    }
}
