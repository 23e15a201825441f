using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Course;

namespace PartnerHub.Api.Course;

/// <summary>One of a teacher's confirmed bookings, as her slot index holds it (ids and times only).</summary>
public sealed record TeacherSlot(string ProjectId, string CohortId, string SessionId, string BookingId, DateTimeOffset Start, DateTimeOffset End)
{
    public bool IsFor(TeacherBooking booking) => ProjectId == booking.ProjectId && BookingId == booking.Id;
}

/// <summary>
/// Her slots with the guard row they were read under (<paramref name="Guard"/> null: never claimed), and whether this
/// instance <paramref name="Remembered"/> them rather than read them now (<see cref="TeacherSlots.ReadAsync"/>).
/// </summary>
public sealed record TeacherSlotsRead(IReadOnlyList<TeacherSlot> Slots, ETag? Guard, long GuardChanges, bool Remembered);

/// <summary>How claiming a slot for a confirmation ended.</summary>
public enum SlotClaim
{
    /// <summary>Written now: the caller releases it if its own commit then fails.</summary>
    Claimed,

    /// <summary>
    /// This booking already held the slot at this start (a retried confirmation, or only its end changed and the row
    /// was rewritten): the caller must not release it, it belongs to the booking as committed before.
    /// </summary>
    AlreadyHeld,

    /// <summary>She is confirmed elsewhere (any project) at an overlapping time: nothing written.</summary>
    DoubleBooked,
}

/// <summary>
/// A teacher's confirmed bookings across every project, so a confirmation checks them with one partition query.
/// Main table, PartitionKey <c>teacherslot|{objectId escaped}</c> (not a project id: those start with a letter and have
/// no '|'); RowKeys <c>slot|{start ticks}|{project}|{booking}</c> and <c>guard</c>. Every claim rewrites the guard row
/// conditional on the ETag read before the overlap check, in the same transaction as the slot row: of two claims that
/// both saw her free, one commits and the other re-reads and finds the overlap. Releasing needs no guard: a slot
/// removed can only make a concurrent check stricter than necessary, never looser.
/// A slot with no confirmed booking behind it (a process that died between claiming and committing, or between
/// committing and releasing) is released when it stands in another claim's way and is older than
/// <see cref="StaleAfter"/>: younger, its commit may still be under way.
/// <para>
/// Her partition as this instance last read or claimed it is remembered (at most <see cref="MaxRemembered"/> teachers,
/// never expiring), so a confirmation need not read it again. That is safe for the same reason as
/// <c>Storage/KnownRows</c>: a claim is conditional on the remembered guard, and every slot added anywhere rewrites the
/// guard, so a slot this instance does not know makes the claim fail and it is read afresh. A slot released elsewhere
/// (releases leave the guard alone) can only make the remembered slots stricter: every answer other than "claimed" —
/// held already, or in the way — is taken from a fresh read.
/// </para>
/// <para>
/// Her claims on one instance take turns (<see cref="KeyedTurns"/>), so only another instance's claim can make one fail
/// and be read again.
/// </para>
/// </summary>
public sealed class TeacherSlots(TableStore store, TimeProvider time)
{
    /// <summary>Teachers whose slots one instance remembers; past it, it starts afresh (a bound on memory).</summary>
    public const int MaxRemembered = 10_000;

    /// <summary>Far longer than any claim-to-commit takes (one table transaction, bounded by its request timeout).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(5);

    public const string PartitionPrefix = "teacherslot|";
    public const string SlotPrefix = "slot|";
    public const string GuardKey = "guard";

    // Claims of the same teacher racing each other re-read and retry; more than this in one moment is not a person.
    private const int MaxAttempts = 5;

    /// <summary>Up to 10, 20, 40, 80 ms, at random (not the domain clock: a pause between storage calls).</summary>
    private static TimeSpan RetryPause(int attempt) => TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 << attempt));

    private readonly ConcurrentDictionary<string, TeacherSlotsRead> _known = new(StringComparer.Ordinal);

    // Her claims on this instance take turns, each from the guard the one before remembered (bench v: 32 answers at once).
    private readonly KeyedTurns _turns = new();

    private TableClient Table => store.Table(TableNames.Main);

    public static string PartitionOf(string teacherId) => PartitionPrefix + TableKeys.Escape(teacherId);

    public static string SlotKey(string projectId, string bookingId, DateTimeOffset start) =>
        $"{SlotPrefix}{start.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}|{projectId}|{bookingId}";

    /// <summary>Her confirmed bookings in every project, by start: one partition-prefix query.</summary>
    public async Task<IReadOnlyList<TeacherSlot>> ConfirmedAsync(string teacherId, CancellationToken cancellationToken)
    {
        var slots = new List<TeacherSlot>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableQueries.Prefix(PartitionOf(teacherId), SlotPrefix), cancellationToken: cancellationToken))
        {
            slots.Add(Read(row));
        }

        return slots;
    }

    /// <summary>Her slots and guard as this instance last knew them, else read (<see cref="ReadFreshAsync"/>).</summary>
    public async Task<TeacherSlotsRead> ReadAsync(string teacherId, CancellationToken cancellationToken) =>
        _known.TryGetValue(teacherId, out var known) ? known : await ReadFreshAsync(teacherId, cancellationToken);

    /// <summary>Her guard row and slots in one query of her partition (the guard sorts first, so it is read before the slots), remembered.</summary>
    public async Task<TeacherSlotsRead> ReadFreshAsync(string teacherId, CancellationToken cancellationToken)
    {
        ETag? guard = null;
        long changes = 0;
        var slots = new List<TeacherSlot>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableQueries.Partition(PartitionOf(teacherId)), cancellationToken: cancellationToken))
        {
            if (row.RowKey == GuardKey)
            {
                (guard, changes) = (row.ETag, row.GetInt64("Changes") ?? 0);
            }
            else if (row.RowKey.StartsWith(SlotPrefix, StringComparison.Ordinal))
            {
                slots.Add(Read(row));
            }
        }

        var read = new TeacherSlotsRead(slots, guard, changes, Remembered: false);
        Remember(teacherId, read);
        return read;
    }

    /// <summary>
    /// Claims the booking's time for her, unless another confirmed booking of hers overlaps it.
    /// <paramref name="isConfirmed"/> says whether a slot in the way still has its confirmed booking behind it.
    /// </summary>
    public async Task<SlotClaim> ClaimAsync(TeacherBooking booking, string changedBy, Func<TeacherSlot, CancellationToken, Task<bool>> isConfirmed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(isConfirmed);
        ArgumentNullException.ThrowIfNull(booking);
        var partition = PartitionOf(booking.TeacherId);
        using var turn = await _turns.TakeAsync(booking.TeacherId, cancellationToken);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            // What this instance remembers first: a claim made from it proves itself (it is conditional on the guard),
            // any other answer is given from a fresh read.
            var read = attempt == 0 ? await ReadAsync(booking.TeacherId, cancellationToken) : await ReadFreshAsync(booking.TeacherId, cancellationToken);
            if (read.Slots.Any(s => s.IsFor(booking) && s.Start == booking.Start && s.End == booking.End))
            {
                if (read.Remembered)
                {
                    continue;
                }

                return SlotClaim.AlreadyHeld;
            }

            // The overlap rule is TeacherBooking.Overlaps (Core); her other bookings only, so a move can claim its new time.
            var inTheWay = read.Slots.Where(s => !s.IsFor(booking) && booking.Overlaps(s.Start, s.End)).ToList();
            if (inTheWay.Count > 0)
            {
                if (read.Remembered || await ReleaseStaleAsync(booking.TeacherId, inTheWay, isConfirmed, cancellationToken))
                {
                    continue;
                }

                return SlotClaim.DoubleBooked;
            }

            // Same start, new end: the row key stays, so its row is rewritten (a wider end than committed only refuses more).
            var ownAtStart = read.Slots.Any(s => s.IsFor(booking) && s.Start == booking.Start);
            var guardRow = new TableEntity(partition, GuardKey) { ["Changes"] = read.GuardChanges + 1 };
            TableTransactionAction[] actions =
            [
                read.Guard is { } guard
                    ? new(TableTransactionActionType.UpdateReplace, guardRow, guard)
                    : new(TableTransactionActionType.Add, guardRow),
                new(ownAtStart ? TableTransactionActionType.UpsertReplace : TableTransactionActionType.Add, SlotRow(booking, changedBy)),
            ];
            try
            {
                var response = await Table.CommitAsync(actions, cancellationToken);
                Claimed(booking, read, response.Value[0].Headers.ETag);
                return ownAtStart ? SlotClaim.AlreadyHeld : SlotClaim.Claimed;
            }
            catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412)
            {
                // Another claim (or release of a stale row) for her committed in between, or her rows were erased: look again,
                // after a short random pause so claims racing for her guard row take turns instead of colliding again.
                _known.TryRemove(booking.TeacherId, out _);
                if (attempt < MaxAttempts - 1)
                {
                    await Task.Delay(RetryPause(attempt), cancellationToken);
                }
            }
        }

        throw StorageFaults.Contended("The teacher's bookings kept changing; nothing was claimed.");
    }

    /// <summary>Removes the booking's slot at <paramref name="start"/>; a slot already gone is fine.</summary>
    public async Task ReleaseAsync(string teacherId, string projectId, string bookingId, DateTimeOffset start, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(PartitionOf(teacherId), SlotKey(projectId, bookingId, start), ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Released before (a retried cancellation).
        }

        // A release leaves the guard as it was: what is remembered stays valid without this slot.
        if (_known.TryGetValue(teacherId, out var known))
        {
            var left = known.Slots.Where(s => !(s.ProjectId == projectId && s.BookingId == bookingId && s.Start == start)).ToList();
            _known.TryUpdate(teacherId, known with { Slots = left }, known);
        }
    }

    /// <summary>
    /// Releases the slots in the way that are old and have no confirmed booking behind them, each on the ETag read, so
    /// a slot claimed again in between is kept. True when every slot in the way was released: look again.
    /// </summary>
    private async Task<bool> ReleaseStaleAsync(string teacherId, IReadOnlyList<TeacherSlot> inTheWay, Func<TeacherSlot, CancellationToken, Task<bool>> isConfirmed, CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - StaleAfter;
        foreach (var slot in inTheWay)
        {
            var row = await Table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(teacherId), SlotKey(slot.ProjectId, slot.BookingId, slot.Start), cancellationToken: cancellationToken);
            if (!row.HasValue)
            {
                continue;
            }

            if (row.Value!.Timestamp is not { } written || written > cutoff || await isConfirmed(slot, cancellationToken))
            {
                return false;
            }

            try
            {
                await Table.DeleteEntityAsync(row.Value.PartitionKey, row.Value.RowKey, row.Value.ETag, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Released or claimed again by someone else: the next look decides.
            }

            _known.TryRemove(teacherId, out _);
        }

        return true;
    }

    /// <summary>After a claim committed: her slots as read with this one, under the guard's new ETag.</summary>
    private void Claimed(TeacherBooking booking, TeacherSlotsRead read, ETag? guard)
    {
        if (guard is null)
        {
            _known.TryRemove(booking.TeacherId, out _);
            return;
        }

        var key = SlotKey(booking.ProjectId, booking.Id, booking.Start);
        var slot = new TeacherSlot(booking.ProjectId, booking.CohortId, booking.SessionId, booking.Id, booking.Start, booking.End);
        List<TeacherSlot> slots = [.. read.Slots.Where(s => SlotKey(s.ProjectId, s.BookingId, s.Start) != key), slot];
        Remember(booking.TeacherId, new TeacherSlotsRead(slots, guard, read.GuardChanges + 1, Remembered: false));
    }

    private void Remember(string teacherId, TeacherSlotsRead read)
    {
        if (_known.Count >= MaxRemembered)
        {
            _known.Clear();
        }

        _known[teacherId] = read with { Remembered = true };
    }

    private static TableEntity SlotRow(TeacherBooking booking, string changedBy) =>
        new(PartitionOf(booking.TeacherId), SlotKey(booking.ProjectId, booking.Id, booking.Start))
        {
            ["ProjectId"] = booking.ProjectId,
            ["CohortId"] = booking.CohortId,
            ["SessionId"] = booking.SessionId,
            ["BookingId"] = booking.Id,
            ["Start"] = booking.Start,
            ["End"] = booking.End,
            ["ChangedBy"] = changedBy,
        };

    private static TeacherSlot Read(TableEntity row) => new(
        row.GetString("ProjectId") ?? string.Empty,
        row.GetString("CohortId") ?? string.Empty,
        row.GetString("SessionId") ?? string.Empty,
        row.GetString("BookingId") ?? string.Empty,
        row.GetDateTimeOffset("Start") ?? default,
        row.GetDateTimeOffset("End") ?? default);
}
