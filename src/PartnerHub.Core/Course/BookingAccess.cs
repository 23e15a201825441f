namespace PartnerHub.Core.Course;

/// <summary>
/// Who may do what with a teacher booking (ARCHITECTURE §7). Pure. The coordinator of the booking's project does
/// everything but answer for the teacher; the booked teacher views and answers her own booking; another teacher,
/// neighbourhood mothers, partner staff and participants: nothing. Access does not depend on the state;
/// <see cref="BookingWorkflow"/> decides what the state allows.
/// </summary>
public static class BookingAccess
{
    private static readonly BookingAction[] TeacherActions = [BookingAction.View, BookingAction.Accept, BookingAction.Decline, BookingAction.ProposeDate];

    public static bool Allows(CourseActor actor, BookingAction action, TeacherBooking? booking)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (booking is null)
        {
            return action == BookingAction.Request && actor.Role == CourseRole.Coordinator;
        }

        if (!string.Equals(actor.ProjectId, booking.ProjectId, StringComparison.Ordinal))
        {
            return false;
        }

        return actor.Role switch
        {
            // She books and manages; she never answers on the teacher's behalf.
            CourseRole.Coordinator => action is BookingAction.View or BookingAction.AcceptProposal or BookingAction.Replace or BookingAction.Cancel or BookingAction.MoveWithSession,
            CourseRole.Teacher => IsBookedTeacher(actor, booking) && TeacherActions.Contains(action),
            _ => false,
        };
    }

    public static bool IsBookedTeacher(CourseActor actor, TeacherBooking booking)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(booking);
        return actor.Role == CourseRole.Teacher && actor.ObjectId.Length > 0 && string.Equals(actor.ObjectId, booking.TeacherId, StringComparison.Ordinal);
    }
}
