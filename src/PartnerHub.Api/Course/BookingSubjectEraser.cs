using PartnerHub.Api.Privacy.Subjects;
using PartnerHub.Core.Audit;
using PartnerHub.Core.Changes;

namespace PartnerHub.Api.Course;

/// <summary>
/// Erasure on request of a teacher: the free text on her bookings goes (the coordinator's note to her, her reason for
/// declining), so nothing written about her or by her stays; the booking itself (session, times, state, her object id)
/// stays, so the course plan and its staffing are unchanged. Her name lives only in the directory, erased there. Each
/// booking is written on the ETag read, as bookkeeping: a card she holds of it stays current. A booking changed
/// meanwhile is read again (<see cref="ErasureRetry"/>).
/// </summary>
public sealed class BookingSubjectEraser(CourseStore courses) : ISubjectEraser
{
    public const string BookingTextKind = "booking-text";

    [AuditAction]
    private const string Action = "EraseBookingText";

    public Task<SubjectVersion?> RecordAsync(DataSubject subject, CancellationToken cancellationToken) => Task.FromResult<SubjectVersion?>(null);

    public async Task<IReadOnlyList<ErasedCount>> EraseAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Subject is not DirectoryPerson person)
        {
            return [];
        }

        var erased = 0;
        foreach (var stored in await courses.BookingsOfTeacherAsync(person.ProjectId, person.ObjectId, cancellationToken))
        {
            erased += await ErasureRetry.EraseAsync(
                stored,
                current => EraseTextAsync(current, request.By.ObjectId, cancellationToken),
                current => courses.FindBookingAsync(current.Booking.ProjectId, current.Booking.CohortId, current.Booking.Id, cancellationToken)) ? 1 : 0;
        }

        return erased == 0 ? [] : [new ErasedCount(BookingTextKind, erased)];
    }

    /// <summary>True when written (or this very write was committed before), false when there is no text, null when another change won.</summary>
    private async Task<bool?> EraseTextAsync(StoredBooking stored, string by, CancellationToken cancellationToken)
    {
        if (stored.Booking is { Note: null, DeclineReason: null })
        {
            return false;
        }

        // A version of its own but not a decision (DecidedVersion unchanged): her answer from the card still counts.
        var after = stored.Booking with { Note = null, DeclineReason = null, Version = stored.Booking.Version + 1 };
        var change = CourseChanges.Change(by, CourseStore.BookingRecord, stored.Booking.Id, stored.Booking.Version, Action, new { stored.Booking.TeacherId });
        var written = await courses.ChangeBookingAsync(stored, after, change, [], cancellationToken);
        return written.Outcome is ChangeOutcome.Changed or ChangeOutcome.Duplicate ? true : null;
    }
}
