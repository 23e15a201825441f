using System.Globalization;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Course;

/// <summary>
/// The one pattern every course service follows around a change: who may (<see cref="CourseVisibility"/>, refusals
/// audited), the retry fingerprint (<see cref="ChangeFingerprint"/>: a retry is answered Duplicate, anything else from
/// an older version Conflict), outbox rows in the change's transaction, and the dispatcher nudged after the commit.
/// The store audits each committed change itself.
/// </summary>
public sealed class CourseChanges(CourseStore store, TeacherSlots slots, OutboxWriter outbox, IOutboxNudge nudge, AuditLog audit, TimeProvider time)
{
    /// <summary>Who the system's own changes (a reminder sent) are recorded as.</summary>
    public const string SystemActor = "partnerhub";

    public DateTimeOffset Now => time.GetUtcNow();

    public DateOnly Today => CopenhagenTime.DateOf(time.GetUtcNow());

    /// <summary>What the actor may do with a cohort of her project (the coordinator's view allows every action).</summary>
    public static CourseView ViewOf(Actor actor, string projectId, IReadOnlyCollection<CourseParticipant> participants, IReadOnlyCollection<TeacherBooking> bookings) =>
        CourseVisibility.For(CourseActor.From(actor), projectId, participants, bookings);

    public static bool May(Actor actor, CourseAction action) => ViewOf(actor, actor.ProjectId, [], []).Allows(action);

    public Task RefusedAsync(Actor actor, string action, string recordType, string recordId, CancellationToken cancellationToken) =>
        audit.RecordAsync(actor.ProjectId, actor.ObjectId, action, recordType, recordId == "-" || Cohort.IsValidId(recordId) ? recordId : "invalid", allowed: false, cancellationToken);

    public Task AllowedAsync(Actor actor, string action, string recordType, string recordId, CancellationToken cancellationToken) =>
        audit.RecordAsync(actor.ProjectId, actor.ObjectId, action, recordType, recordId, allowed: true, cancellationToken);

    /// <summary>The change's identity: who, which record, from which version, the command with every field.</summary>
    public static CourseChange Change(string actorObjectId, string recordType, string recordId, int? fromVersion, string action, object command) =>
        new(actorObjectId, action, ChangeFingerprint.Of(actorObjectId, recordType + "|" + recordId, fromVersion?.ToString(CultureInfo.InvariantCulture), action, command));

    /// <summary>
    /// Before applying: Duplicate when this very change was committed (a retry), Conflict when it was sent from another
    /// version than the current one (someone else changed it meanwhile), null to go on.
    /// </summary>
    public async Task<ChangeOutcome?> AnsweredAsync(string projectId, CourseChange change, int? fromVersion, int currentVersion, CancellationToken cancellationToken) =>
        await AnsweredAsync(projectId, change, fromVersion, currentVersion, decidedVersion: 0, cancellationToken);

    /// <inheritdoc cref="AnsweredAsync(string, CourseChange, int?, int, CancellationToken)"/>
    /// <param name="decidedVersion">The last version a person made (<see cref="DecidedVersions"/>); bookkeeping since does not make it stale.</param>
    public async Task<ChangeOutcome?> AnsweredAsync(string projectId, CourseChange change, int? fromVersion, int currentVersion, int decidedVersion, CancellationToken cancellationToken)
    {
        if (await store.WasAppliedAsync(projectId, change.Fingerprint, cancellationToken))
        {
            return ChangeOutcome.Duplicate;
        }

        return fromVersion is { } version && !DecidedVersions.IsCurrent(version, currentVersion, decidedVersion) ? ChangeOutcome.Conflict : null;
    }

    /// <summary>
    /// The start of a coordinator's change to a cohort's plan or list: the cohort read, access checked (a refusal
    /// audited), and a retry or a change from another version answered (<see cref="AnsweredAsync(string, CourseChange, int?, int, CancellationToken)"/>). Either
    /// <see cref="CohortChangeStart.Answer"/> (nothing to write) or the cohort as read and the change's identity.
    /// </summary>
    public async Task<CohortChangeStart> BeginCohortChangeAsync(Actor actor, string cohortId, int? fromVersion, string action, object command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var stored = await store.FindCohortAsync(actor.ProjectId, cohortId, cancellationToken);
        if (stored is null || !ViewOf(actor, stored.Cohort.ProjectId, stored.Cohort.Participants, []).Allows(CourseAction.EditPlan))
        {
            await RefusedAsync(actor, action, CourseStore.CohortRecord, cohortId, cancellationToken);
            return new(CohortResult.Of(stored is null ? ChangeOutcome.NotFound : ChangeOutcome.Forbidden, null), null, null);
        }

        var change = Change(actor.ObjectId, CourseStore.CohortRecord, cohortId, fromVersion ?? stored.Cohort.Version, action, command);
        return await AnsweredAsync(actor.ProjectId, change, fromVersion, stored.Cohort.Version, cancellationToken) is { } answered
            ? new(CohortResult.Of(answered, stored), stored, change)
            : new(null, stored, change);
    }

    public OutboxEntry Entry(string projectId, OutboxMessage message, DateTimeOffset? dueAt = null) => outbox.Create(projectId, message, dueAt);

    /// <summary>Runs the write; when it committed, nudges the dispatcher for its outbox rows.</summary>
    public async Task<CourseWrite> CommitAsync(Func<IReadOnlyList<OutboxEntry>, Task<CourseWrite>> write, IReadOnlyList<OutboxEntry> messages, CancellationToken cancellationToken)
    {
        var written = await write(messages);
        if (written.Outcome == ChangeOutcome.Changed && messages.Count > 0)
        {
            await nudge.NudgeAsync(messages, cancellationToken);
        }

        return written;
    }

    /// <summary>A new id for a record created by a request: derived from the request's fingerprint, so a retry names the same record.</summary>
    public static string IdFrom(char kind, CourseChange change) => kind + change.Fingerprint[..19];

    /// <summary>
    /// What <see cref="BookingWorkflow"/> needs besides the booking: her confirmed bookings in every project (from her
    /// slots), the session's confirmed booking, and the course's plan and school holidays.
    /// </summary>
    public async Task<BookingContext> ContextAsync(TeacherBooking booking, CoursePlan plan, IEnumerable<TeacherBooking> cohortBookings, SchoolHolidayCalendar schoolHolidays, CancellationToken cancellationToken) =>
        Context(booking, plan, cohortBookings, schoolHolidays, await slots.ConfirmedAsync(booking.TeacherId, cancellationToken));

    /// <summary><see cref="ContextAsync"/> from her slots as the caller has them (<see cref="HerSlotsAsync"/>).</summary>
    public static BookingContext Context(TeacherBooking booking, CoursePlan plan, IEnumerable<TeacherBooking> cohortBookings, SchoolHolidayCalendar schoolHolidays, IReadOnlyList<TeacherSlot> hers)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var confirmed = hers.Select(s => new TeacherBooking(s.BookingId, s.ProjectId, s.CohortId, s.SessionId, booking.TeacherId, s.Start, s.End, BookingState.Confirmed, s.Start, 0)).ToList();
        var session = cohortBookings.Where(b => b.State == BookingState.Confirmed && b.SessionId == booking.SessionId).ToList();
        return new BookingContext(confirmed, session, plan, schoolHolidays);
    }

    /// <summary>Her confirmed slots in every project: as this instance remembers them, or read now (<paramref name="fresh"/>).</summary>
    public Task<TeacherSlotsRead> HerSlotsAsync(string teacherId, bool fresh, CancellationToken cancellationToken) =>
        fresh ? slots.ReadFreshAsync(teacherId, cancellationToken) : slots.ReadAsync(teacherId, cancellationToken);

    /// <summary>
    /// <see cref="AnsweredAsync(string, CourseChange, int?, int, int, CancellationToken)"/> for a record whose every
    /// committed change moves its version (a booking): a change from the current version cannot have been applied yet,
    /// so the idempotency row is read only for one from another version. A retry racing its own first attempt is still
    /// caught, by the idempotency row in the transaction.
    /// </summary>
    public async Task<ChangeOutcome?> AnsweredFromVersionAsync(string projectId, CourseChange change, int? fromVersion, int currentVersion, int decidedVersion, CancellationToken cancellationToken) =>
        fromVersion is { } version && !DecidedVersions.IsCurrent(version, currentVersion, decidedVersion)
            ? await AnsweredAsync(projectId, change, fromVersion, currentVersion, decidedVersion, cancellationToken)
            : null;

    /// <summary>
    /// The one rule for what a booking's change tells the others: Outlook when she becomes, stops being or stays
    /// confirmed at another time; the teacher's card (and its reminder) when she is asked afresh; the coordinator's
    /// card for a counter-proposal. The caller adds <see cref="CourseNotifications.UpdateCardsOf"/>.
    /// </summary>
    public IEnumerable<OutboxEntry> BookingMessages(TeacherBooking? before, TeacherBooking after, BookingReminderPolicy reminders)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(reminders);
        var was = before?.State == BookingState.Confirmed;
        var isNow = after.State == BookingState.Confirmed;
        var moved = before is not null && (before.Start != after.Start || before.End != after.End);
        string? calendar = (was, isNow) switch
        {
            (false, true) => CourseNotifications.CalendarCreate,
            (true, false) => CourseNotifications.CalendarCancel,
            (true, true) when moved => CourseNotifications.CalendarUpdate,
            _ => null,
        };
        if (calendar is not null)
        {
            yield return Entry(after.ProjectId, CourseNotifications.ForBooking(calendar, after.CohortId, after.Id));
        }

        if (after.State == BookingState.Requested && (before is null || before.State != BookingState.Requested || moved))
        {
            yield return Entry(after.ProjectId, CourseNotifications.ForBooking(CourseNotifications.SendBookingCard, after.CohortId, after.Id));
            yield return Entry(after.ProjectId, CourseNotifications.ForBooking(CourseNotifications.BookingReminder, after.CohortId, after.Id), after.AwaitingSince.AddDays(reminders.RemindAfterDays));
        }

        if (after.State == BookingState.CounterProposed && before?.State != BookingState.CounterProposed)
        {
            yield return Entry(after.ProjectId, CourseNotifications.ForBooking(CourseNotifications.SendCoordinatorCard, after.CohortId, after.Id));
        }
    }
}

/// <summary>What <see cref="CourseChanges.BeginCohortChangeAsync"/> found: an answer, or the cohort and the change to make.</summary>
public sealed record CohortChangeStart(CohortResult? Answer, StoredCohort? Stored, CourseChange? Change);
