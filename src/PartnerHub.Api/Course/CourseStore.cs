using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Azure;
using Azure.Data.Tables;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Storage.ReadCaching;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Course;

public sealed record StoredCohort(Cohort Cohort, ETag ETag);

public sealed record StoredBooking(TeacherBooking Booking, ETag ETag);

/// <summary>The cohort's attendance, and the ETag of each session's row (absent: no marks yet).</summary>
public sealed record StoredAttendance(AttendanceRegister Register, IReadOnlyDictionary<string, ETag> BySession);

/// <summary>A booking as read and as it is to be written, in the same change as its cohort's plan.</summary>
public sealed record BookingChange(StoredBooking Before, TeacherBooking After);

/// <summary>
/// Who makes a change and what it is: <paramref name="Action"/> for the audit, <paramref name="Fingerprint"/> from
/// <see cref="ChangeFingerprint.Of"/> (actor, record, version, command) for the idempotency row.
/// </summary>
public sealed record CourseChange(string ActorObjectId, string Action, string Fingerprint);

/// <summary>
/// How a write ended: <see cref="ChangeOutcome.Changed"/>; <see cref="ChangeOutcome.Duplicate"/> (this very change was
/// committed before: a retry); <see cref="ChangeOutcome.Conflict"/> (another change won the race: nothing written); or
/// <see cref="ChangeOutcome.InvalidTransition"/> with <see cref="Refusal"/> when a conflict rule refused it at commit.
/// </summary>
public sealed record CourseWrite(ChangeOutcome Outcome, BookingError? Refusal = null)
{
    public static readonly CourseWrite Changed = new(ChangeOutcome.Changed);

    /// <summary>Once changed: the ETag of the change's first row (the record it is about), as the transaction answered it.</summary>
    public ETag? ETag { get; init; }
}

/// <summary>
/// The course in the main table, in the project's partition, so each change is one entity-group transaction and every
/// read a point read or a prefix query. Rows: <c>course|{cohort}</c> (plan and participants as JSON),
/// <c>course-attendance|{cohort}|{session}</c> (that session's marks), <c>course-booking|{cohort}|{booking}</c>,
/// <c>course-staffed|{cohort}|{session}</c> (the session's one confirmed booking: added in the confirming transaction,
/// so a second confirmation of the same session fails there), <c>course-dedupe|{fingerprint}</c>, and two indexes written
/// in the same transaction as the record they index: <c>course-teacher|{teacher escaped}|{cohort}|{booking}</c> (her
/// bookings here) and <c>course-participant|{object id escaped}|{cohort}</c> (a participant's cohorts). Every row written
/// carries <c>ChangedBy</c> (an object id) and <c>ChangedAt</c>; the audit gets a row per committed change. A teacher's
/// confirmed times across projects are in <see cref="TeacherSlots"/>; a participant's cohorts across projects in her
/// account's own partition (<see cref="AccountPartition"/>), kept beside the transaction by <see cref="WithAccountIndexAsync"/>.
/// A cohort is remembered for a booking's answer and card only (<see cref="RememberedCohortAsync"/>). A cohort and a
/// booking are created with their cards' holders rows (<see cref="CourseCards.HoldersRowKey"/>, Cards/Holders/README.md).
/// </summary>
public sealed class CourseStore(TableStore store, TeacherSlots slots, AuditLog audit, TimeProvider time, ReadCache? cache = null)
{
    public const string CohortPrefix = "course|";
    public const string AttendancePrefix = "course-attendance|";
    public const string BookingPrefix = "course-booking|";
    public const string StaffedPrefix = "course-staffed|";
    public const string DedupePrefix = "course-dedupe|";
    public const string TeacherIndexPrefix = "course-teacher|";
    public const string ParticipantIndexPrefix = "course-participant|";

    /// <summary>The partition prefix of a participant's cohorts across projects (see <see cref="AccountCohortsAsync"/>).</summary>
    public const string AccountIndexPrefix = "course-account|";

    /// <summary>More cohorts than one woman is ever on; bounds what one sign-in makes us read.</summary>
    public const int MaxAccountCohorts = 50;
    public const string CohortRecord = "cohort";
    public const string BookingRecord = "booking";

    /// <summary>Table Storage's limit on one entity-group transaction.</summary>
    public const int MaxTransactionActions = 100;

    // Records as they are, without computed properties (CoursePlan.Counting, Period …), which have no setter.
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { WithoutComputedProperties } },
    };

    private static readonly HashSet<int> NoStaffing = [];

    // The cohorts a booking's answer draws on, without their participants (RememberedCohortAsync).
    private readonly CachedReads<(string ProjectId, string CohortId), StoredCohort?> _cohorts = new(cache);

    private TableClient Table => store.Table(TableNames.Main);

    public static string CohortKey(string cohortId) => CohortPrefix + cohortId;

    public static string AttendanceKey(string cohortId, string sessionId) => $"{AttendancePrefix}{cohortId}|{sessionId}";

    public static string BookingKey(string cohortId, string bookingId) => $"{BookingPrefix}{cohortId}|{bookingId}";

    public static string StaffedKey(string cohortId, string sessionId) => $"{StaffedPrefix}{cohortId}|{sessionId}";

    public static string DedupeKey(string fingerprint) => DedupePrefix + fingerprint[..32];

    /// <summary>A teacher's booking in this project, for her "my bookings" view: written with the request, never changed (a booking keeps its teacher).</summary>
    public static string TeacherIndexKey(string teacherId, string cohortId, string bookingId) => $"{TeacherIndexPrefix}{TableKeys.Escape(teacherId)}|{cohortId}|{bookingId}";

    /// <summary>A participant with an account on a cohort's list, for her own view: written and removed with the cohort.</summary>
    public static string ParticipantIndexKey(string objectId, string cohortId) => $"{ParticipantIndexPrefix}{TableKeys.Escape(objectId)}|{cohortId}";

    /// <summary>Her cohorts across projects, found from her account alone: partition <c>course-account|{object id escaped}</c>, row <c>{project}|{cohort}</c>.</summary>
    public static string AccountPartition(string objectId) => AccountIndexPrefix + TableKeys.Escape(objectId);

    private static string AccountRowKey(Cohort cohort) => cohort.ProjectId + "|" + cohort.Id;

    /// <summary>
    /// The (project, cohort) pairs her account's index rows name: one partition query, at most <see cref="MaxAccountCohorts"/>.
    /// A row may be stale (see <see cref="WithAccountIndexAsync"/>): a reader shows nothing before it has read the cohort
    /// and found her on its list, in a project of her tenant (<see cref="CourseParticipantResolver"/>).
    /// </summary>
    public async Task<IReadOnlyList<(string ProjectId, string CohortId)>> AccountCohortsAsync(string objectId, CancellationToken cancellationToken)
    {
        var found = new List<(string, string)>();
        if (string.IsNullOrEmpty(objectId))
        {
            return found;
        }

        await foreach (var row in Table.QueryAsync<TableEntity>(TableQueries.Partition(AccountPartition(objectId)), maxPerPage: MaxAccountCohorts, select: ["ProjectId", "CohortId"], cancellationToken: cancellationToken))
        {
            var (projectId, cohortId) = (row.GetString("ProjectId"), row.GetString("CohortId"));
            if (Project.IsValidId(projectId) && Cohort.IsValidId(cohortId))
            {
                found.Add((projectId!, cohortId!));
            }

            if (found.Count == MaxAccountCohorts)
            {
                break;
            }
        }

        return found;
    }

    /// <summary>The project's cohorts: one prefix query over <c>course|</c>.</summary>
    public async Task<IReadOnlyList<StoredCohort>> CohortsAsync(string projectId, CancellationToken cancellationToken)
    {
        var cohorts = new List<StoredCohort>();
        if (Project.IsValidId(projectId))
        {
            await foreach (var row in Table.QueryAsync<TableEntity>(TableQueries.Prefix(projectId, CohortPrefix), cancellationToken: cancellationToken))
            {
                cohorts.Add(new StoredCohort(ReadCohort(row), row.ETag));
            }
        }

        return cohorts;
    }

    /// <summary>Her bookings in this project (every state), through her index rows: one prefix query, then point reads.</summary>
    public async Task<IReadOnlyList<StoredBooking>> BookingsOfTeacherAsync(string projectId, string teacherId, CancellationToken cancellationToken)
    {
        if (!Project.IsValidId(projectId) || string.IsNullOrEmpty(teacherId))
        {
            return [];
        }

        var keys = new List<(string CohortId, string BookingId)>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableQueries.Prefix(projectId, $"{TeacherIndexPrefix}{TableKeys.Escape(teacherId)}|"), select: ["CohortId", "BookingId"], cancellationToken: cancellationToken))
        {
            keys.Add((row.GetString("CohortId") ?? string.Empty, row.GetString("BookingId") ?? string.Empty));
        }

        var found = await Task.WhenAll(keys.Select(k => FindBookingAsync(projectId, k.CohortId, k.BookingId, cancellationToken)));
        return [.. found.OfType<StoredBooking>().Where(b => b.Booking.TeacherId == teacherId)];
    }

    /// <summary>The ids of the cohorts whose list has her (by object id) in this project: one prefix query.</summary>
    public async Task<IReadOnlyList<string>> CohortsOfParticipantAsync(string projectId, string objectId, CancellationToken cancellationToken)
    {
        var cohorts = new List<string>();
        if (Project.IsValidId(projectId) && !string.IsNullOrEmpty(objectId))
        {
            await foreach (var row in Table.QueryAsync<TableEntity>(TableQueries.Prefix(projectId, $"{ParticipantIndexPrefix}{TableKeys.Escape(objectId)}|"), select: ["CohortId"], cancellationToken: cancellationToken))
            {
                cohorts.Add(row.GetString("CohortId") ?? string.Empty);
            }
        }

        return cohorts;
    }

    public async Task<StoredCohort?> FindCohortAsync(string projectId, string cohortId, CancellationToken cancellationToken)
    {
        if (!Project.IsValidId(projectId) || !Cohort.IsValidId(cohortId))
        {
            return null;
        }

        var row = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, CohortKey(cohortId), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? new StoredCohort(ReadCohort(entity), entity.ETag) : null;
    }

    /// <summary>
    /// The cohort for a booking's answer and its card (plan, place, weekday, themes), remembered for
    /// <see cref="ReadCache"/>'s lifetime and dropped by every cohort write here. Without its participants: nothing a
    /// booking shows is theirs, so no name is kept in memory. Never for a change conditional on the cohort (its plan
    /// or list): those read <see cref="FindCohortAsync"/>.
    /// </summary>
    public async Task<StoredCohort?> RememberedCohortAsync(string projectId, string cohortId, CancellationToken cancellationToken)
    {
        var key = (projectId, cohortId);
        var found = await _cohorts.GetAsync(
            key,
            async token => await FindCohortAsync(projectId, cohortId, token) is { } stored ? stored with { Cohort = stored.Cohort with { Participants = [] } } : null,
            cancellationToken);
        if (found is null)
        {
            // A cohort made meanwhile on another instance is not kept from view.
            _cohorts.Invalidate(key);
        }

        return found;
    }

    /// <summary>Whether a teacher's slot still has its booking behind it: confirmed, at the slot's time.</summary>
    private async Task<bool> IsConfirmedAsync(TeacherSlot slot, CancellationToken cancellationToken) =>
        await FindBookingAsync(slot.ProjectId, slot.CohortId, slot.BookingId, cancellationToken) is { } stored
        && stored.Booking.State == BookingState.Confirmed && stored.Booking.Start == slot.Start;

    public async Task<StoredBooking?> FindBookingAsync(string projectId, string cohortId, string bookingId, CancellationToken cancellationToken)
    {
        if (!Project.IsValidId(projectId) || !Cohort.IsValidId(cohortId) || !Cohort.IsValidId(bookingId))
        {
            return null;
        }

        var row = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, BookingKey(cohortId, bookingId), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? new StoredBooking(Deserialize<TeacherBooking>(entity), entity.ETag) : null;
    }

    /// <summary>The cohort's bookings (every state): one prefix query.</summary>
    public async Task<IReadOnlyList<StoredBooking>> BookingsAsync(string projectId, string cohortId, CancellationToken cancellationToken)
    {
        var bookings = new List<StoredBooking>();
        if (Project.IsValidId(projectId) && Cohort.IsValidId(cohortId))
        {
            await foreach (var row in Table.QueryAsync<TableEntity>(TableQueries.Prefix(projectId, $"{BookingPrefix}{cohortId}|"), cancellationToken: cancellationToken))
            {
                bookings.Add(new StoredBooking(Deserialize<TeacherBooking>(row), row.ETag));
            }
        }

        return bookings;
    }

    /// <summary>The cohort's attendance: one prefix query over its session rows.</summary>
    public async Task<StoredAttendance> AttendanceAsync(string projectId, string cohortId, CancellationToken cancellationToken)
    {
        var entries = new List<AttendanceEntry>();
        var etags = new Dictionary<string, ETag>(StringComparer.Ordinal);
        if (Project.IsValidId(projectId) && Cohort.IsValidId(cohortId))
        {
            await foreach (var row in Table.QueryAsync<TableEntity>(TableQueries.Prefix(projectId, $"{AttendancePrefix}{cohortId}|"), cancellationToken: cancellationToken))
            {
                var sessionId = row.RowKey[(row.RowKey.LastIndexOf('|') + 1)..];
                etags[sessionId] = row.ETag;
                var marks = JsonSerializer.Deserialize<Dictionary<string, AttendanceMark>>(row.GetString("Marks") ?? "{}", Json) ?? [];
                entries.AddRange(marks.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => new AttendanceEntry(m.Key, sessionId, m.Value)));
            }
        }

        return new StoredAttendance(new AttendanceRegister(entries), etags);
    }

    /// <summary>
    /// A new cohort, with the holders rows of its plan's and its certificates' cards (<see cref="CourseCards.WithHoldersRowsOfCohort"/>),
    /// so every card of it is read by one point read. One transaction: the cohort, its idempotency row, an index row per
    /// participant with an account (at most <see cref="CourseService.MaxParticipants"/>), the outbox rows (one from the
    /// form; the demo's a certificate per participant at most) and the two holders rows: at most 2 + 40 + 40 + 2 = 84 of 100.
    /// </summary>
    public Task<CourseWrite> CreateCohortAsync(Cohort cohort, CourseChange change, IEnumerable<OutboxEntry> outbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        RequireIds(cohort.ProjectId, cohort.Id);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, CohortRow(cohort, change)),
            DedupeRow(cohort.ProjectId, change, cohort.Id),
        };
        actions.AddRange(ParticipantIndexActions(null, cohort, change));
        actions.AddRange(outbox.Select(entry => entry.Action));
        actions = CourseCards.WithHoldersRowsOfCohort(cohort.ProjectId, cohort.Id, actions);
        return _cohorts.WriteAsync(
            (cohort.ProjectId, cohort.Id),
            () => WithAccountIndexAsync(null, cohort, change, () => CommitAsync(cohort.ProjectId, actions, NoStaffing, change, CohortRecord, cohort.Id, [], cancellationToken), cancellationToken));
    }

    /// <summary>
    /// Writes the cohort (plan, participants) conditional on the ETag read, with the bookings the plan change moves or
    /// cancels (<see cref="PlanBookingSync"/>), each conditional on its own ETag, all in one transaction.
    /// </summary>
    public Task<CourseWrite> UpdateCohortAsync(
        StoredCohort before, Cohort after, IReadOnlyList<BookingChange> bookings, CourseChange change, IEnumerable<OutboxEntry> outbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(bookings);
        if (before.Cohort.Id != after.Id || before.Cohort.ProjectId != after.ProjectId || bookings.Any(b => b.After.CohortId != after.Id || b.After.ProjectId != after.ProjectId))
        {
            throw new ArgumentException("A cohort change keeps its id and project, and changes only its own bookings.", nameof(after));
        }

        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, CohortRow(after, change), before.ETag),
            DedupeRow(after.ProjectId, change, after.Id),
        };
        actions.AddRange(ParticipantIndexActions(before.Cohort, after, change));
        var staffed = AddBookingActions(actions, bookings, change);
        actions.AddRange(outbox.Select(entry => entry.Action));
        return _cohorts.WriteAsync(
            (after.ProjectId, after.Id),
            () => WithAccountIndexAsync(before.Cohort, after, change, () => CommitAsync(after.ProjectId, actions, staffed, change, CohortRecord, after.Id, bookings, cancellationToken), cancellationToken));
    }

    /// <summary>
    /// Writes one session's marks (the register after <see cref="AttendanceRegister.Record"/>), conditional on the
    /// session row as read: added if it had no marks, replaced on its ETag otherwise.
    /// </summary>
    public Task<CourseWrite> RecordAttendanceAsync(
        string projectId, string cohortId, string sessionId, StoredAttendance before, AttendanceRegister after, CourseChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        RequireIds(projectId, cohortId);
        var marks = after.Entries.Where(e => e.SessionId == sessionId).ToDictionary(e => e.ParticipantId, e => e.Mark, StringComparer.Ordinal);
        var row = new TableEntity(projectId, AttendanceKey(cohortId, sessionId)) { ["Marks"] = JsonSerializer.Serialize(marks, Json) };
        Stamp(row, change);
        var actions = new List<TableTransactionAction>
        {
            before.BySession.TryGetValue(sessionId, out var etag)
                ? new(TableTransactionActionType.UpdateReplace, row, etag)
                : new(TableTransactionActionType.Add, row),
            DedupeRow(projectId, change, cohortId),
        };
        return CommitAsync(projectId, actions, NoStaffing, change, CohortRecord, cohortId, [], cancellationToken);
    }

    /// <summary>
    /// A new request to a teacher (state Requested: no slot, no staffing yet), with the holders row of its cards
    /// (<see cref="CourseCards.WithHoldersRowOfBooking"/>), so every card of it is read by one point read.
    /// </summary>
    public Task<CourseWrite> RequestBookingAsync(TeacherBooking booking, CourseChange change, IEnumerable<OutboxEntry> outbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(booking);
        RequireIds(booking.ProjectId, booking.CohortId, booking.Id);
        if (booking.State != BookingState.Requested)
        {
            throw new ArgumentException("A booking starts as requested.", nameof(booking));
        }

        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, BookingRow(booking, change)),
            DedupeRow(booking.ProjectId, change, booking.Id),
            new(TableTransactionActionType.Add, TeacherIndexRow(booking, change)),
        };
        actions.AddRange(outbox.Select(entry => entry.Action));
        actions = CourseCards.WithHoldersRowOfBooking(booking.ProjectId, booking.CohortId, booking.Id, actions);
        return CommitAsync(booking.ProjectId, actions, NoStaffing, change, BookingRecord, booking.Id, [], cancellationToken);
    }

    /// <summary>
    /// Writes a booking after a <see cref="BookingWorkflow"/> command, conditional on its ETag. Confirming (or moving a
    /// confirmed booking) claims her time in <see cref="TeacherSlots"/> first and the session's staffing row in the
    /// same transaction as the booking; see <see cref="CommitAsync"/> for the order across the two partitions.
    /// </summary>
    public Task<CourseWrite> ChangeBookingAsync(StoredBooking before, TeacherBooking after, CourseChange change, IEnumerable<OutboxEntry> outbox, CancellationToken cancellationToken) =>
        ChangeBookingAsync(before, after, change, outbox, [], cancellationToken);

    /// <inheritdoc cref="ChangeBookingAsync(StoredBooking, TeacherBooking, CourseChange, IEnumerable{OutboxEntry}, CancellationToken)"/>
    /// <param name="alongside">Rows of the project's partition written in the same transaction (the card acted on).</param>
    public Task<CourseWrite> ChangeBookingAsync(
        StoredBooking before, TeacherBooking after, CourseChange change, IEnumerable<OutboxEntry> outbox, IEnumerable<TableTransactionAction> alongside, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var actions = new List<TableTransactionAction>();
        BookingChange[] changes = [new(before, after)];
        var bookingAction = new TableTransactionAction(TableTransactionActionType.UpdateReplace, BookingRow(after, change), before.ETag);
        actions.Add(bookingAction);
        actions.Add(DedupeRow(after.ProjectId, change, after.Id));
        var staffed = AddStaffingActions(actions, changes);
        actions.AddRange(outbox.Select(entry => entry.Action));
        actions.AddRange(alongside);
        return CommitAsync(after.ProjectId, actions, staffed, change, BookingRecord, after.Id, changes, cancellationToken);
    }

    /// <summary>True when the change with this fingerprint was committed.</summary>
    public async Task<bool> WasAppliedAsync(string projectId, string fingerprint, CancellationToken cancellationToken) =>
        (await Table.GetEntityIfExistsAsync<TableEntity>(projectId, DedupeKey(fingerprint), select: ["PartitionKey"], cancellationToken: cancellationToken)).HasValue;

    /// <summary>
    /// Commits the project transaction, with a teacher's slots around it. Her slots live in her own partition (she
    /// teaches in several projects), so they cannot join the project's transaction; the order keeps a double
    /// confirmation impossible: (1) claim every slot a booking becomes confirmed at, before anything else, where
    /// concurrent claims are serialised by her guard row; (2) commit the project transaction; (3) if it failed,
    /// release the slots claimed in (1); if it committed, release the slots the bookings left. A crash between the
    /// steps leaves at most a slot with no confirmed booking behind it: it refuses her at that time until it is
    /// <see cref="TeacherSlots.StaleAfter"/> old and then gives way to the next claim (checked against its booking), and
    /// never lets a second confirmation through; a retry of the same confirmation finds it held and completes.
    /// </summary>
    private async Task<CourseWrite> CommitAsync(
        string projectId, List<TableTransactionAction> actions, HashSet<int> staffedActions, CourseChange change,
        string recordType, string recordId, IReadOnlyList<BookingChange> bookings, CancellationToken cancellationToken)
    {
        if (actions.Count > MaxTransactionActions)
        {
            throw new InvalidOperationException($"A course change needs {actions.Count} table operations; one transaction holds {MaxTransactionActions}.");
        }

        var claimed = new List<TeacherBooking>();
        try
        {
            foreach (var booking in bookings.Where(b => NeedsSlot(b)).Select(b => b.After))
            {
                var claim = await slots.ClaimAsync(booking, change.ActorObjectId, IsConfirmedAsync, cancellationToken);
                if (claim == SlotClaim.Claimed)
                {
                    claimed.Add(booking);
                }
                else if (claim == SlotClaim.DoubleBooked)
                {
                    await ReleaseAsync(claimed, cancellationToken);
                    return new CourseWrite(ChangeOutcome.InvalidTransition, BookingError.TeacherDoubleBooked);
                }
            }
        }
        catch (RequestFailedException)
        {
            // Nothing of the project's is written yet, so the slots claimed so far are released.
            await ReleaseAsync(claimed, CancellationToken.None);
            throw;
        }

        // A commit that fails with an unknown outcome (a timeout, a 5xx) throws and keeps the claimed slots: it may
        // have committed, and a slot too many only refuses her at that time.
        var outcome = await SubmitAsync(projectId, actions, staffedActions, change, cancellationToken);
        if (outcome.Outcome != ChangeOutcome.Changed)
        {
            await ReleaseAsync(claimed, cancellationToken);
            return outcome;
        }

        await ReleaseAsync([.. bookings.Where(LeavesSlot).Select(b => b.Before.Booking)], cancellationToken);
        await audit.RecordAsync(projectId, change.ActorObjectId, change.Action, recordType, recordId, allowed: true, cancellationToken);
        return outcome;
    }

    private async Task<CourseWrite> SubmitAsync(string projectId, List<TableTransactionAction> actions, HashSet<int> staffedActions, CourseChange change, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Table.CommitAsync(actions, cancellationToken);
            return CourseWrite.Changed with { ETag = response.Value[0].Headers.ETag };
        }
        catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex is { } index && staffedActions.Contains(index))
        {
            return new CourseWrite(ChangeOutcome.InvalidTransition, BookingError.SessionAlreadyStaffed);
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412)
        {
            // Nothing was written. Our own earlier commit of this very change (a retry) or someone else's: the
            // idempotency row tells them apart.
            return await WasAppliedAsync(projectId, change.Fingerprint, cancellationToken)
                ? new CourseWrite(ChangeOutcome.Duplicate)
                : new CourseWrite(ChangeOutcome.Conflict);
        }
    }

    private Task ReleaseAsync(IReadOnlyList<TeacherBooking> bookings, CancellationToken cancellationToken) =>
        Task.WhenAll(bookings.Select(b => slots.ReleaseAsync(b.TeacherId, b.ProjectId, b.Id, b.Start, cancellationToken)));

    private static bool IsConfirmed(TeacherBooking booking) => booking.State == BookingState.Confirmed;

    // Confirmed now, and was not, or was at another time.
    private static bool NeedsSlot(BookingChange change) =>
        IsConfirmed(change.After) && !(IsConfirmed(change.Before.Booking) && change.Before.Booking.Start == change.After.Start && change.Before.Booking.End == change.After.End);

    // Was confirmed, and is no longer, or at another time.
    private static bool LeavesSlot(BookingChange change) =>
        IsConfirmed(change.Before.Booking) && !(IsConfirmed(change.After) && change.Before.Booking.Start == change.After.Start);

    private HashSet<int> AddBookingActions(List<TableTransactionAction> actions, IReadOnlyList<BookingChange> bookings, CourseChange change)
    {
        actions.AddRange(bookings.Select(b => new TableTransactionAction(TableTransactionActionType.UpdateReplace, BookingRow(b.After, change), b.Before.ETag)));
        return AddStaffingActions(actions, bookings);
    }

    /// <summary>The session's staffing row: added when a booking becomes confirmed, removed when it stops being.</summary>
    private static HashSet<int> AddStaffingActions(List<TableTransactionAction> actions, IReadOnlyList<BookingChange> bookings)
    {
        var added = new HashSet<int>();
        foreach (var (before, after) in bookings.Select(b => (b.Before.Booking, b.After)))
        {
            if (IsConfirmed(after) && !IsConfirmed(before))
            {
                added.Add(actions.Count);
                actions.Add(new(TableTransactionActionType.Add, new TableEntity(after.ProjectId, StaffedKey(after.CohortId, after.SessionId)) { ["BookingId"] = after.Id }));
            }
            else if (IsConfirmed(before) && !IsConfirmed(after))
            {
                actions.Add(new(TableTransactionActionType.Delete, new TableEntity(after.ProjectId, StaffedKey(after.CohortId, after.SessionId)), ETag.All));
            }
        }

        return added;
    }

    private TableEntity CohortRow(Cohort cohort, CourseChange change)
    {
        var row = new TableEntity(cohort.ProjectId, CohortKey(cohort.Id))
        {
            ["Data"] = Serialize(cohort),
            ["Version"] = cohort.Version,
        };
        Stamp(row, change);
        return row;
    }

    private TableEntity BookingRow(TeacherBooking booking, CourseChange change)
    {
        RequireIds(booking.ProjectId, booking.CohortId, booking.Id);
        var row = new TableEntity(booking.ProjectId, BookingKey(booking.CohortId, booking.Id))
        {
            ["Data"] = Serialize(booking),
            ["State"] = booking.State.ToString(),
            ["TeacherId"] = booking.TeacherId,
            ["Start"] = booking.Start,
            ["Version"] = booking.Version,
        };
        Stamp(row, change);
        return row;
    }

    private TableEntity TeacherIndexRow(TeacherBooking booking, CourseChange change)
    {
        var row = new TableEntity(booking.ProjectId, TeacherIndexKey(booking.TeacherId, booking.CohortId, booking.Id))
        {
            ["CohortId"] = booking.CohortId,
            ["BookingId"] = booking.Id,
        };
        Stamp(row, change);
        return row;
    }

    /// <summary>Her index row follows her object id on the list: added when she (or her account) is added, removed when she goes.</summary>
    private IEnumerable<TableTransactionAction> ParticipantIndexActions(Cohort? before, Cohort after, CourseChange change)
    {
        var had = ObjectIdsOf(before);
        var has = ObjectIdsOf(after);
        foreach (var objectId in has.Where(id => !had.Contains(id)).Order(StringComparer.Ordinal))
        {
            var row = new TableEntity(after.ProjectId, ParticipantIndexKey(objectId, after.Id)) { ["CohortId"] = after.Id };
            Stamp(row, change);
            yield return new(TableTransactionActionType.UpsertReplace, row);
        }

        foreach (var objectId in had.Where(id => !has.Contains(id)).Order(StringComparer.Ordinal))
        {
            yield return new(TableTransactionActionType.Delete, new TableEntity(after.ProjectId, ParticipantIndexKey(objectId, after.Id)), ETag.All);
        }
    }

    /// <summary>
    /// Her account's index rows (<see cref="AccountPartition"/>) follow the same rule as the project's
    /// <c>course-participant|</c> rows, but live in her own partition, so they cannot join the project's transaction.
    /// The order keeps a reader from ever missing her while she is on a list: (1) before the commit, an added account's
    /// row is upserted, and a removed account's row is read for its ETag; (2) the cohort commits; (3) only if it
    /// committed, the removed account's row is deleted on the ETag read in (1), so a re-add that wrote the row again in
    /// between keeps it. A failed commit or a crash leaves at most a row naming a cohort she is not on: every reader
    /// verifies her against the cohort (and its project's tenant) before showing anything, so a stale row shows nothing.
    /// </summary>
    private async Task<CourseWrite> WithAccountIndexAsync(Cohort? before, Cohort after, CourseChange change, Func<Task<CourseWrite>> commit, CancellationToken cancellationToken)
    {
        var had = ObjectIdsOf(before);
        var has = ObjectIdsOf(after);
        foreach (var objectId in has.Where(id => !had.Contains(id)).Order(StringComparer.Ordinal))
        {
            var row = new TableEntity(AccountPartition(objectId), AccountRowKey(after)) { ["ProjectId"] = after.ProjectId, ["CohortId"] = after.Id };
            Stamp(row, change);
            await Table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        }

        var removed = new List<(string ObjectId, ETag ETag)>();
        foreach (var objectId in had.Where(id => !has.Contains(id)).Order(StringComparer.Ordinal))
        {
            var row = await Table.GetEntityIfExistsAsync<TableEntity>(AccountPartition(objectId), AccountRowKey(after), select: ["PartitionKey"], cancellationToken: cancellationToken);
            if (row.HasValue && row.Value is { } entity)
            {
                removed.Add((objectId, entity.ETag));
            }
        }

        var written = await commit();
        if (written.Outcome == ChangeOutcome.Changed)
        {
            foreach (var (objectId, etag) in removed)
            {
                try
                {
                    await Table.DeleteEntityAsync(AccountPartition(objectId), AccountRowKey(after), etag, CancellationToken.None);
                }
                catch (RequestFailedException e) when (e.Status is 404 or 412)
                {
                    // Gone already, or written again by a change that put her back on the list: it stays.
                }
            }
        }

        return written;
    }

    private static HashSet<string> ObjectIdsOf(Cohort? cohort) =>
        cohort is null ? [] : [.. cohort.Participants.Select(p => p.ObjectId).OfType<string>().Where(id => id.Length > 0)];

    private TableTransactionAction DedupeRow(string projectId, CourseChange change, string recordId)
    {
        var row = new TableEntity(projectId, DedupeKey(change.Fingerprint)) { ["RecordId"] = recordId };
        Stamp(row, change);
        return new(TableTransactionActionType.Add, row);
    }

    private void Stamp(TableEntity row, CourseChange change)
    {
        row["ChangedBy"] = change.ActorObjectId;
        row["ChangedAt"] = time.GetUtcNow();
    }

    private static string Serialize<T>(T value)
    {
        var json = JsonSerializer.Serialize(value, Json);
        // One string property holds 32K UTF-16 characters; the forms' limits keep a cohort far below it.
        return json.Length <= OutboxMessage.MaxPayloadLength
            ? json
            : throw new InvalidOperationException("A course record is too large for one row.");
    }

    private static Cohort ReadCohort(TableEntity entity) => Deserialize<Cohort>(entity);

    private static T Deserialize<T>(TableEntity entity) =>
        JsonSerializer.Deserialize<T>(entity.GetString("Data") ?? "null", Json) ?? throw new InvalidDataException("A stored course row has no data.");

    private static void RequireIds(string projectId, params string[] ids)
    {
        if (!Project.IsValidId(projectId) || ids.Any(id => !Cohort.IsValidId(id)))
        {
            throw new ArgumentException("Course ids are plain (lowercase letters, digits, hyphens).");
        }
    }

    private static void WithoutComputedProperties(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        // A positional record's properties have init setters; a property without any setter is computed.
        foreach (var property in info.Properties.Where(p => p.Set is null).ToList())
        {
            info.Properties.Remove(property);
        }
    }
}
