using System.Globalization;
using PartnerHub.Core.Localization;

namespace PartnerHub.Core.Course;

/// <summary>
/// The teacher booking's state machine. Pure: access (<see cref="BookingAccess"/>), then the state, then the input,
/// then the conflicts (<see cref="BookingConflicts"/>). Every change increments <see cref="TeacherBooking.Version"/>.
/// <code>
/// Requested ──accept──────────────▶ Confirmed ──cancel──▶ Cancelled
///     │ ├─decline(reason)─▶ Declined ─replace─▶ Replaced
///     │ └─propose(date)──▶ CounterProposed ──coordinator accepts──▶ Confirmed
///     │                        ├─coordinator picks another teacher─▶ Replaced
///     └─session moved: Requested again, at the new time (a confirmed booking stays confirmed and moves)
/// </code>
/// </summary>
public static class BookingWorkflow
{
    public const int MaxReasonLength = 500;
    public const int MaxNoteLength = 500;

    public static class Fields
    {
        public const string Reason = "reason";
        public const string Date = "date";
        public const string OtherWeekday = "otherWeekday";
        public const string Note = "note";
        public const string Session = CoursePlanEditor.Fields.Session;
    }

    /// <summary>The states each action may start from.</summary>
    public static IReadOnlySet<BookingState> AllowedFrom(BookingAction action) => action switch
    {
        BookingAction.Accept => Set(BookingState.Requested),
        BookingAction.Decline => Set(BookingState.Requested, BookingState.Confirmed),
        BookingAction.ProposeDate => Set(BookingState.Requested),
        BookingAction.AcceptProposal => Set(BookingState.CounterProposed),
        BookingAction.Replace => Set(BookingState.Requested, BookingState.CounterProposed, BookingState.Declined),
        BookingAction.Cancel => Set(BookingState.Requested, BookingState.CounterProposed, BookingState.Confirmed),
        BookingAction.MoveWithSession => Set(BookingState.Requested, BookingState.CounterProposed, BookingState.Confirmed),
        BookingAction.View => Enum.GetValues<BookingState>().ToHashSet(),
        _ => Set(),
    };

    /// <summary>
    /// A new request to a teacher for a session of the plan. Refused when the session is cancelled or past, or
    /// already has a confirmed teacher (<paramref name="context"/>).
    /// </summary>
    public static BookingResult Request(
        CourseActor actor, string bookingId, string cohortId, string sessionId, string teacherId, string? note, int groupSize, BookingContext context, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(context);
        if (!BookingAccess.Allows(actor, BookingAction.Request, null))
        {
            return BookingResult.Refused(BookingError.Forbidden);
        }

        if (context.Plan.Find(sessionId) is not { } session)
        {
            return BookingResult.Invalid(Fields.Session, CourseErrors.NotFound);
        }

        if (!session.Counts)
        {
            return BookingResult.Invalid(Fields.Session, CourseErrors.Cancelled);
        }

        if (context.Plan.TimesOf(session) is not { } times || times.Start < now)
        {
            return BookingResult.Invalid(Fields.Session, CourseErrors.InPast);
        }

        var (cleanNote, noteError) = CleanNote(note);
        if (noteError is not null)
        {
            return BookingResult.Invalid(Fields.Note, noteError);
        }

        if (context.SessionConfirmed.Any(b => b.State == BookingState.Confirmed && b.ProjectId == actor.ProjectId && b.CohortId == cohortId && b.SessionId == sessionId))
        {
            return BookingResult.Refused(BookingError.SessionAlreadyStaffed);
        }

        var booking = new TeacherBooking(bookingId, actor.ProjectId, cohortId, sessionId, teacherId, times.Start, times.End, BookingState.Requested, now, 0)
        {
            Note = cleanNote,
            GroupSize = groupSize,
            RequestedBy = actor.ObjectId,
        };
        return BookingResult.Applied(booking);
    }

    public static BookingResult Apply(TeacherBooking booking, CourseActor actor, BookingCommand command, BookingContext context, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(booking);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        if (!BookingAccess.Allows(actor, command.Action, booking))
        {
            return BookingResult.Refused(BookingError.Forbidden);
        }

        if (!AllowedFrom(command.Action).Contains(booking.State))
        {
            return BookingResult.Refused(BookingError.InvalidTransition);
        }

        return command switch
        {
            AcceptBooking => Confirm(booking, booking.Start, booking.End, context, now),
            DeclineBooking d => Decline(booking, d, now),
            ProposeDate p => Propose(booking, p, context, now),
            AcceptProposal => Confirm(booking with { Proposal = null }, booking.Proposal!.Start, booking.Proposal.End, context, now),
            ReplaceTeacher => BookingResult.Applied(booking with { State = BookingState.Replaced, AwaitingSince = now }),
            CancelBooking => BookingResult.Applied(booking with { State = BookingState.Cancelled, AwaitingSince = now }),
            MoveWithSession m => Move(booking, m, context, now),
            _ => BookingResult.Refused(BookingError.InvalidTransition),
        };
    }

    private static BookingResult Confirm(TeacherBooking booking, DateTimeOffset start, DateTimeOffset end, BookingContext context, DateTimeOffset now)
    {
        var moved = booking with { Start = start, End = end };
        if (BookingConflicts.Find(moved, context) is { } conflict)
        {
            return BookingResult.Refused(conflict);
        }

        return BookingResult.Applied(moved with { State = BookingState.Confirmed, AwaitingSince = now, RemindedAt = null, EscalatedAt = null });
    }

    private static BookingResult Decline(TeacherBooking booking, DeclineBooking command, DateTimeOffset now)
    {
        var (reason, error) = CleanReason(command.Reason);
        if (error is not null)
        {
            return BookingResult.Invalid(Fields.Reason, error);
        }

        return BookingResult.Applied(booking with { State = BookingState.Declined, DeclineReason = reason, AwaitingSince = now });
    }

    /// <summary>The coordinator's note to the teacher as stored (trimmed; blank is none), or the error code: on a request and on a correction.</summary>
    public static (string? Note, string? Error) CleanNote(string? note)
    {
        var clean = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        return clean is { Length: > MaxNoteLength } ? (null, CourseErrors.TooLong) : (clean, null);
    }

    /// <summary>A teacher's reason for declining as stored (trimmed, required), or the error code: on declining and on a correction.</summary>
    public static (string? Reason, string? Error) CleanReason(string? reason)
    {
        var clean = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        return clean switch
        {
            null => (null, CourseErrors.Required),
            { Length: > MaxReasonLength } => (null, CourseErrors.TooLong),
            _ => (clean, null),
        };
    }

    private static BookingResult Propose(TeacherBooking booking, ProposeDate command, BookingContext context, DateTimeOffset now)
    {
        bool otherWeekday;
        switch (command.OtherWeekday?.Trim())
        {
            case null or "" or "false":
                otherWeekday = false;
                break;
            case "true":
                otherWeekday = true;
                break;
            default:
                return BookingResult.Invalid(Fields.OtherWeekday, CourseErrors.UnknownValue);
        }

        if (string.IsNullOrWhiteSpace(command.Date))
        {
            return BookingResult.Invalid(Fields.Date, CourseErrors.Required);
        }

        if (!DateOnly.TryParseExact(command.Date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return BookingResult.Invalid(Fields.Date, CourseErrors.InvalidDate);
        }

        var plan = context.Plan;
        if (date.DayOfWeek != plan.Weekday && !otherWeekday)
        {
            return BookingResult.Invalid(Fields.Date, CourseErrors.NotCourseWeekday);
        }

        if (date <= CopenhagenTime.DateOf(now))
        {
            return BookingResult.Invalid(Fields.Date, CourseErrors.InPast);
        }

        if (PlanGenerator.ReasonToSkip(date, plan.StartTime, plan.EndTime, context.SchoolHolidays) is { } skip)
        {
            return BookingResult.Invalid(Fields.Date, skip.Reason);
        }

        if (plan.Counting.Any(s => s.Date == date && s.Id != booking.SessionId))
        {
            return BookingResult.Invalid(Fields.Date, CourseErrors.DateTaken);
        }

        // ReasonToSkip ruled out a time the clocks skip, so both ends exist.
        var proposal = new CounterProposal(date, CopenhagenTime.FromLocal(date, plan.StartTime)!.Value, CopenhagenTime.FromLocal(date, plan.EndTime)!.Value, otherWeekday);
        return BookingResult.Applied(booking with { State = BookingState.CounterProposed, Proposal = proposal, AwaitingSince = now, RemindedAt = null, EscalatedAt = null });
    }

    private static BookingResult Move(TeacherBooking booking, MoveWithSession command, BookingContext context, DateTimeOffset now)
    {
        if (command.End <= command.Start)
        {
            return BookingResult.Invalid(Fields.Date, CourseErrors.EndNotAfterStart);
        }

        if (booking.Start == command.Start && booking.End == command.End)
        {
            return BookingResult.Unchanged(booking);
        }

        var moved = booking with { Start = command.Start, End = command.End };
        if (booking.State == BookingState.Confirmed)
        {
            // She stays confirmed at the new time unless she is confirmed elsewhere then: the coordinator must resolve
            // that (cancel this booking, then move) rather than PartnerHub double-booking her.
            return BookingConflicts.Find(moved, context) is { } conflict ? BookingResult.Refused(conflict) : BookingResult.Applied(moved);
        }

        // Not yet confirmed: the question she is asked changed, so it is asked afresh (a counter-proposal answered the old date).
        return BookingResult.Applied(moved with { State = BookingState.Requested, Proposal = null, AwaitingSince = now, RemindedAt = null, EscalatedAt = null });
    }

    private static HashSet<BookingState> Set(params BookingState[] states) => [.. states];
}
