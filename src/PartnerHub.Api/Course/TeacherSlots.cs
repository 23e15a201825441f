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
/// </summary>
public sealed class TeacherSlots(TableStore store, TimeProvider time)
{
    /// <summary>Far longer than any claim-to-commit takes (one table transaction, bounded by its request timeout).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(5);

    public const string PartitionPrefix = "teacherslot|";
    public const string SlotPrefix = "slot|";
    public const string GuardKey = "guard";

    // Claims of the same teacher racing each other re-read and retry; more than this in one moment is not a person.
    private const int MaxAttempts = 5;

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

    /// <summary>
    /// Claims the booking's time for her, unless another confirmed booking of hers overlaps it.
    /// <paramref name="isConfirmed"/> says whether a slot in the way still has its confirmed booking behind it.
    /// </summary>
    public async Task<SlotClaim> ClaimAsync(TeacherBooking booking, string changedBy, Func<TeacherSlot, CancellationToken, Task<bool>> isConfirmed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(isConfirmed);
        ArgumentNullException.ThrowIfNull(booking);
        var partition = PartitionOf(booking.TeacherId);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var guard = await Table.GetEntityIfExistsAsync<TableEntity>(partition, GuardKey, cancellationToken: cancellationToken);
            var slots = await ConfirmedAsync(booking.TeacherId, cancellationToken);
            if (slots.Any(s => s.IsFor(booking) && s.Start == booking.Start && s.End == booking.End))
            {
                return SlotClaim.AlreadyHeld;
            }

            // The overlap rule is TeacherBooking.Overlaps (Core); her other bookings only, so a move can claim its new time.
            var inTheWay = slots.Where(s => !s.IsFor(booking) && booking.Overlaps(s.Start, s.End)).ToList();
            if (inTheWay.Count > 0)
            {
                if (await ReleaseStaleAsync(booking.TeacherId, inTheWay, isConfirmed, cancellationToken))
                {
                    continue;
                }

                return SlotClaim.DoubleBooked;
            }

            // Same start, new end: the row key stays, so its row is rewritten (a wider end than committed only refuses more).
            var ownAtStart = slots.Any(s => s.IsFor(booking) && s.Start == booking.Start);
            var changes = (guard.HasValue ? guard.Value!.GetInt64("Changes") ?? 0 : 0) + 1;
            var guardRow = new TableEntity(partition, GuardKey) { ["Changes"] = changes };
            TableTransactionAction[] actions =
            [
                guard.HasValue
                    ? new(TableTransactionActionType.UpdateReplace, guardRow, guard.Value!.ETag)
                    : new(TableTransactionActionType.Add, guardRow),
                new(ownAtStart ? TableTransactionActionType.UpsertReplace : TableTransactionActionType.Add, SlotRow(booking, changedBy)),
            ];
            try
            {
                await Table.SubmitTransactionAsync(actions, cancellationToken);
                return ownAtStart ? SlotClaim.AlreadyHeld : SlotClaim.Claimed;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                // Another claim (or release of a stale row) for her committed in between: look again.
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
        }

        return true;
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
