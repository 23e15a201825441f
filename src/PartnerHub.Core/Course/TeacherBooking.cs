using PartnerHub.Core.Audit;
using PartnerHub.Core.Changes;

namespace PartnerHub.Core.Course;

/// <summary>Where a request to a teacher stands.</summary>
public enum BookingState
{
    /// <summary>Sent to the teacher; awaiting her answer.</summary>
    Requested,

    /// <summary>She accepted (or the coordinator accepted her counter-proposal): she teaches the session.</summary>
    Confirmed,

    /// <summary>She declined, with a reason. Final for this booking; the coordinator books someone else.</summary>
    Declined,

    /// <summary>She proposed another date; awaiting the coordinator.</summary>
    CounterProposed,

    /// <summary>The coordinator picked another teacher instead. Final.</summary>
    Replaced,

    /// <summary>The coordinator cancelled the booking. Final.</summary>
    Cancelled,
}

/// <summary>A teacher's counter-proposal: another date at the course's time.</summary>
/// <param name="OtherWeekday">She said herself that a day other than the course's weekday is meant.</param>
public sealed record CounterProposal(DateOnly Date, DateTimeOffset Start, DateTimeOffset End, bool OtherWeekday);

/// <summary>
/// One request to one external teacher to teach one course session (the TeacherBooking). Times are UTC and
/// always the session's; a session that moves takes its bookings along (<see cref="MoveWithSession"/>).
/// </summary>
/// <param name="TeacherId">Her Entra object id (often a guest account).</param>
/// <param name="AwaitingSince">When the current question was put to whoever must answer: reminders count from here.</param>
public sealed record TeacherBooking(
    string Id,
    string ProjectId,
    string CohortId,
    string SessionId,
    string TeacherId,
    DateTimeOffset Start,
    DateTimeOffset End,
    BookingState State,
    DateTimeOffset AwaitingSince,
    int Version)
{
    /// <summary>The coordinator's note to her on the card; no personal data about the women.</summary>
    public string? Note { get; init; }

    public int GroupSize { get; init; }

    /// <summary>The coordinator who asked her: the organiser of the Outlook event once she is confirmed, and who is told when she does not answer.</summary>
    public string? RequestedBy { get; init; }

    public string? DeclineReason { get; init; }

    public CounterProposal? Proposal { get; init; }

    public DateTimeOffset? RemindedAt { get; init; }

    /// <summary>
    /// The <see cref="Version"/> of the last change a person made; versions after it are bookkeeping (reminders).
    /// 0 in rows written before it was kept.
    /// </summary>
    public int DecidedVersion { get; init; }

    /// <summary>Whether a change made from <paramref name="version"/> is made from what is current (<see cref="DecidedVersions"/>).</summary>
    public bool IsCurrentFor(int version) => DecidedVersions.IsCurrent(version, Version, DecidedVersion);

    public DateTimeOffset? EscalatedAt { get; init; }

    public bool IsFinal => State is BookingState.Declined or BookingState.Replaced or BookingState.Cancelled;

    /// <summary>True when the two time ranges overlap (touching ends do not).</summary>
    public bool Overlaps(DateTimeOffset start, DateTimeOffset end) => Start < end && start < End;
}

/// <summary>What a person does to a booking, on a card or through REST.</summary>
[AuditAction]
public enum BookingAction
{
    Request,
    View,
    Accept,
    Decline,
    ProposeDate,
    AcceptProposal,

    /// <summary>Pick another teacher instead: this booking is replaced; a new one is requested.</summary>
    Replace,
    Cancel,

    /// <summary>The session moved (or was reordered): the booking goes with it.</summary>
    MoveWithSession,
}

public abstract record BookingCommand(BookingAction Action);

public sealed record AcceptBooking() : BookingCommand(BookingAction.Accept);

public sealed record DeclineBooking(string? Reason) : BookingCommand(BookingAction.Decline);

/// <param name="Date">yyyy-MM-dd as the card sends it; validated by the workflow against the course.</param>
/// <param name="OtherWeekday">"true" when she says another weekday is meant (Input.Toggle).</param>
public sealed record ProposeDate(string? Date, string? OtherWeekday) : BookingCommand(BookingAction.ProposeDate);

/// <summary>
/// The coordinator takes the teacher's date: the booking is confirmed at it, and the caller moves the session there
/// in the same change (<see cref="CoursePlanEditor.Move"/>, then <see cref="PlanBookingSync"/> for its other bookings).
/// </summary>
public sealed record AcceptProposal() : BookingCommand(BookingAction.AcceptProposal);

public sealed record ReplaceTeacher() : BookingCommand(BookingAction.Replace);

public sealed record CancelBooking() : BookingCommand(BookingAction.Cancel);

public sealed record MoveWithSession(DateTimeOffset Start, DateTimeOffset End) : BookingCommand(BookingAction.MoveWithSession);

public enum BookingError
{
    Forbidden,
    InvalidTransition,
    InvalidInput,

    /// <summary>She is already confirmed for another session (any project) at an overlapping time.</summary>
    TeacherDoubleBooked,

    /// <summary>The session already has a confirmed teacher.</summary>
    SessionAlreadyStaffed,
}

/// <summary>
/// What the workflow needs to know beyond the booking: the teacher's other confirmed bookings (from every project:
/// a teacher teaches in several), the other confirmed bookings of the same session, and the course's weekday, time
/// and school holidays for a counter-proposal.
/// </summary>
public sealed record BookingContext(
    IReadOnlyCollection<TeacherBooking> TeacherConfirmed,
    IReadOnlyCollection<TeacherBooking> SessionConfirmed,
    CoursePlan Plan,
    SchoolHolidayCalendar SchoolHolidays);

/// <summary>The booking after a command, or why not. <see cref="Changed"/> false with no error: nothing to do.</summary>
public sealed record BookingResult(TeacherBooking? Booking, BookingError? Error, bool Changed, IReadOnlyDictionary<string, string> Errors)
{
    public bool Succeeded => Error is null;

    /// <summary>A change a person made: the next version, and the one a stale change is measured from.</summary>
    public static BookingResult Applied(TeacherBooking booking) => new(booking with { Version = booking.Version + 1, DecidedVersion = booking.Version + 1 }, null, true, NoErrors);

    /// <summary>PartnerHub's own bookkeeping (a reminder sent): the next version, which makes nobody's change stale.</summary>
    public static BookingResult Bookkept(TeacherBooking booking) => new(booking with { Version = booking.Version + 1 }, null, true, NoErrors);

    public static BookingResult Unchanged(TeacherBooking booking) => new(booking, null, false, NoErrors);

    public static BookingResult Refused(BookingError error) => new(null, error, false, NoErrors);

    public static BookingResult Invalid(string field, string code) => new(null, BookingError.InvalidInput, false, new Dictionary<string, string> { [field] = code });

    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();
}
