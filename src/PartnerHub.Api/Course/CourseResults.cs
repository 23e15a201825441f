using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;

namespace PartnerHub.Api.Course;

/// <summary>
/// How a change to a cohort (plan, participants, attendance, certificates) ended, for the cards and REST alike: the
/// outcome, the cohort as it is now (null when not found or not hers to see), and the errors by field code.
/// </summary>
public sealed record CohortResult(ChangeOutcome Outcome, StoredCohort? Current, IReadOnlyDictionary<string, string> Errors)
{
    /// <summary>A conflict rule (her time, the session's teacher) that refused a plan change at the bookings it moves.</summary>
    public BookingError? Refusal { get; init; }

    public static CohortResult Of(ChangeOutcome outcome, StoredCohort? current) => new(outcome, current, CourseResults.NoErrors);

    public static CohortResult Invalid(StoredCohort? current, IReadOnlyDictionary<string, string> errors) => new(ChangeOutcome.InvalidInput, current, errors);
}

/// <summary>How a booking command ended: the outcome, the booking as it is now, the refusal of a rule, the errors by field.</summary>
public sealed record BookingResultView(ChangeOutcome Outcome, StoredBooking? Current, BookingError? Refusal, IReadOnlyDictionary<string, string> Errors)
{
    /// <summary>The card she acted on was recorded in the change's own transaction: her answer need not record it again.</summary>
    public bool CardRecorded { get; init; }

    public static BookingResultView Of(ChangeOutcome outcome, StoredBooking? current, BookingError? refusal = null) => new(outcome, current, refusal, CourseResults.NoErrors);

    /// <summary>A booking rule's refusal: forbidden shows nothing, bad input its errors by field, anything else a transition refused.</summary>
    public static BookingResultView Refused(BookingResult result, StoredBooking? current)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Error switch
        {
            BookingError.Forbidden => Of(ChangeOutcome.Forbidden, null),
            BookingError.InvalidInput => new BookingResultView(ChangeOutcome.InvalidInput, current, result.Error, result.Errors),
            _ => Of(ChangeOutcome.InvalidTransition, current, result.Error),
        };
    }
}

/// <summary>
/// One person's read of a cohort, already cut to what she may see (<see cref="CourseVisibility"/>): the coordinator
/// gets everything; a teacher her own bookings and the group size, no names; a participant the plan, herself and
/// her own marks.
/// </summary>
public sealed record CohortRead(StoredCohort Stored, CourseView View, int GroupSize, IReadOnlyList<StoredBooking> Bookings, IReadOnlyList<AttendanceEntry> Attendance)
{
    public Cohort Cohort => Stored.Cohort;
}

/// <summary>A teacher's booking as her "my bookings" view lists it, with the cohort's plan for the date, time and place.</summary>
public sealed record TeacherBookingItem(StoredBooking Booking, CoursePlan? Plan);

/// <summary>Every participant's standing (the coordinator), or her own (a participant).</summary>
public sealed record CompletionRead(ChangeOutcome Outcome, StoredCohort? Current, IReadOnlyList<ParticipantCompletion> Participants);

/// <summary>The project's course settings as read or after a save.</summary>
public sealed record SettingsResult(ChangeOutcome Outcome, StoredCourseSettings? Current, IReadOnlyDictionary<string, string> Errors);

public static class CourseResults
{
    public static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();
}
