namespace PartnerHub.Core.Course;

/// <summary>A correction of a booking's texts as sent: a field left null is not changed; an empty one is removed.</summary>
public sealed record BookingCorrectionInput(string? Note, string? DeclineReason)
{
    public bool IsEmpty => Note is null && DeclineReason is null;
}

/// <summary>
/// Correcting the free texts of a teacher booking (GDPR Art. 16): who may correct which, validated by the rules they
/// were written with (<see cref="BookingWorkflow.CleanNote"/>, <see cref="BookingWorkflow.CleanReason"/>). The
/// coordinator of the project rewords or removes her note to the teacher, in any state (it is what the teacher was
/// told). A reason for declining is the teacher's own words: the booked teacher, who gave it, rewords it; the
/// coordinator may only remove it, never put other words in her mouth. Nobody else corrects anything. A correction
/// never changes the booking's state, times or teacher.
/// </summary>
public static class BookingCorrection
{
    public static class Fields
    {
        public const string Note = BookingWorkflow.Fields.Note;
        public const string DeclineReason = "declineReason";
    }

    /// <summary>The coordinator of the booking's project, or the booked teacher.</summary>
    public static bool MayCorrect(CourseActor actor, TeacherBooking booking)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(booking);
        return string.Equals(actor.ProjectId, booking.ProjectId, StringComparison.Ordinal)
            && (actor.Role == CourseRole.Coordinator || BookingAccess.IsBookedTeacher(actor, booking));
    }

    /// <summary>
    /// The booking with the correction applied (the next version, made by a person), unchanged when it says what is
    /// stored, or why not: Forbidden, InvalidInput with errors by field (<see cref="CourseErrors.NotAllowed"/> for a
    /// field that is not hers), InvalidTransition for a reason to correct where there is none.
    /// </summary>
    public static BookingResult Apply(TeacherBooking booking, CourseActor actor, BookingCorrectionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!MayCorrect(actor, booking))
        {
            return BookingResult.Refused(BookingError.Forbidden);
        }

        if (input.DeclineReason is not null && booking.DeclineReason is null)
        {
            return BookingResult.Refused(BookingError.InvalidTransition);
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var corrected = booking with
        {
            Note = input.Note is null ? booking.Note : Note(actor, input.Note, errors),
            DeclineReason = input.DeclineReason is null ? booking.DeclineReason : Reason(actor, input.DeclineReason, errors),
        };
        if (errors.Count > 0)
        {
            return new BookingResult(null, BookingError.InvalidInput, false, errors);
        }

        return corrected == booking ? BookingResult.Unchanged(booking) : BookingResult.Applied(corrected);
    }

    private static string? Note(CourseActor actor, string note, Dictionary<string, string> errors)
    {
        if (actor.Role != CourseRole.Coordinator)
        {
            errors[Fields.Note] = CourseErrors.NotAllowed;
            return null;
        }

        var (clean, error) = BookingWorkflow.CleanNote(note);
        Record(errors, Fields.Note, error);
        return clean;
    }

    private static string? Reason(CourseActor actor, string reason, Dictionary<string, string> errors)
    {
        if (actor.Role == CourseRole.Coordinator)
        {
            // Removing is all she may do: any words she sends would be hers, not the teacher's.
            Record(errors, Fields.DeclineReason, string.IsNullOrWhiteSpace(reason) ? null : CourseErrors.NotAllowed);
            return null;
        }

        var (clean, error) = BookingWorkflow.CleanReason(reason);
        Record(errors, Fields.DeclineReason, error);
        return clean;
    }

    private static void Record(Dictionary<string, string> errors, string field, string? error)
    {
        if (error is not null)
        {
            errors[field] = error;
        }
    }
}
