using Azure;
using Azure.Data.Tables;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Outreach;

namespace PartnerHub.Api.Outreach;

/// <summary>An entry as stored, and whether this request stored it (false: a repeat of a request already applied).</summary>
public sealed record LoggedEntry(OutreachEntry Entry, bool Duplicate);

/// <summary>An entry with the ETag of its row as read: a correction is conditional on it.</summary>
public sealed record StoredOutreachEntry(OutreachEntry Entry, ETag ETag);

/// <summary>How a correction's transaction ended.</summary>
public enum OutreachWrite
{
    Written,

    /// <summary>Her idempotency row was there already: the same correction was applied before.</summary>
    Duplicate,

    /// <summary>The entry changed since it was read: nothing was written.</summary>
    Conflict,
}

/// <summary>
/// The outreach log in the project's partition. Logging is ONE entity-group transaction: the dedupe row, the entry, her
/// index row and the month's counter row (ETag-conditional), so counts and entries never disagree and a repeat is
/// applied once. Reads are point reads or one prefix range; never a scan.
/// </summary>
public sealed class OutreachStore(TableStore store)
{
    private const int DedupeIndex = 0;
    private const int MonthIndex = 3;

    private TableClient Table => store.Table(TableNames.Main);

    /// <summary>Stores the entry with its counters; a repeat of <paramref name="idempotencyKey"/> answers the entry stored first.</summary>
    public async Task<LoggedEntry> LogAsync(OutreachEntry entry, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var dedupeKey = OutreachRows.DedupeKey(entry.MotherObjectId, idempotencyKey);
        try
        {
            await CountedTransactions.SubmitAsync(Table, entry.ProjectId, (rows, ct) => ActionsAsync(rows, entry, dedupeKey, ct), store.Written, cancellationToken);
            return new LoggedEntry(entry, Duplicate: false);
        }
        catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex == DedupeIndex && e.Status == 409)
        {
            return await ExistingAsync(entry.ProjectId, dedupeKey, cancellationToken)
                ?? throw new InvalidOperationException("The dedupe row names an entry that is not stored.");
        }
    }

    /// <summary>The entry's rows and its month's counter as read now (the counter last).</summary>
    private static async Task<CountedTransaction> ActionsAsync(CounterRowReader rows, OutreachEntry entry, string dedupeKey, CancellationToken cancellationToken)
    {
        var first = OutreachMonth.MonthOf(entry.Date);
        var (month, etag) = MonthOf(first, await rows.ReadAsync(entry.ProjectId, OutreachRows.MonthKey(first), cancellationToken));
        var counter = OutreachRows.MonthRow(entry.ProjectId, month.Add(entry));
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.Add, new TableEntity(entry.ProjectId, dedupeKey) { ["EntryId"] = entry.Id }),
            new(TableTransactionActionType.Add, OutreachRows.EntryRow(OutreachRows.EntryKey(entry.Id), entry)),
            new(TableTransactionActionType.Add, OutreachRows.EntryRow(OutreachRows.OwnKey(entry), entry)),
            // A new month is added, not upserted: two first entries of a month racing must not overwrite each other.
            etag is { } known
                ? new(TableTransactionActionType.UpdateReplace, counter, known)
                : new(TableTransactionActionType.Add, counter),
        ];
        return new CountedTransaction(actions, MonthIndex);
    }

    /// <summary>
    /// Commits a correction in ONE transaction, like logging: her idempotency row, the entry and her index row
    /// (conditional on the entry's ETag as read), and the month's counters with the old entry counted out and the
    /// corrected one in (<see cref="OutreachMonth.Corrected"/>). A counter that moved meanwhile is re-read and the
    /// transaction retried; the entry's ETag stays the one read, so a lost race on the entry is never retried.
    /// </summary>
    public async Task<OutreachWrite> CorrectAsync(StoredOutreachEntry stored, OutreachEntry after, string actorObjectId, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(after);
        var dedupeKey = OutreachRows.DedupeKey(actorObjectId, idempotencyKey);
        try
        {
            await CountedTransactions.SubmitAsync(Table, stored.Entry.ProjectId, (rows, ct) => CorrectionActionsAsync(rows, stored, after, dedupeKey, ct), store.Written, cancellationToken);
            return OutreachWrite.Written;
        }
        catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex == DedupeIndex && e.Status == 409)
        {
            return OutreachWrite.Duplicate;
        }
        catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex is 1 or 2 && e.Status is 404 or 409 or 412)
        {
            return OutreachWrite.Conflict;
        }
    }

    private static async Task<CountedTransaction> CorrectionActionsAsync(CounterRowReader rows, StoredOutreachEntry stored, OutreachEntry after, string dedupeKey, CancellationToken cancellationToken)
    {
        var before = stored.Entry;
        var first = OutreachMonth.MonthOf(before.Date);
        var (month, etag) = MonthOf(first, await rows.ReadAsync(before.ProjectId, OutreachRows.MonthKey(first), cancellationToken));
        var counter = OutreachRows.MonthRow(before.ProjectId, month.Corrected(before, after));
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.Add, new TableEntity(before.ProjectId, dedupeKey) { ["EntryId"] = before.Id }),
            new(TableTransactionActionType.UpdateReplace, OutreachRows.EntryRow(OutreachRows.EntryKey(before.Id), after), stored.ETag),
            // Her index row holds the entry again; its key (date, time logged, id) does not change with the topics.
            new(TableTransactionActionType.UpdateReplace, OutreachRows.EntryRow(OutreachRows.OwnKey(before), after), ETag.All),
            etag is { } known
                ? new(TableTransactionActionType.UpdateReplace, counter, known)
                : new(TableTransactionActionType.Add, counter),
        ];
        return new CountedTransaction(actions, MonthIndex);
    }

    /// <summary>Whether her correction with this idempotency key was applied (its row is there).</summary>
    public async Task<bool> WasAppliedAsync(string projectId, string actorObjectId, string idempotencyKey, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, OutreachRows.DedupeKey(actorObjectId, idempotencyKey), cancellationToken: cancellationToken);
        return row.HasValue;
    }

    public async Task<OutreachEntry?> FindAsync(string projectId, string id, CancellationToken cancellationToken) =>
        (await FindStoredAsync(projectId, id, cancellationToken))?.Entry;

    /// <summary>The entry with its row's ETag; null when absent (or the id is not an outreach id).</summary>
    public async Task<StoredOutreachEntry?> FindStoredAsync(string projectId, string id, CancellationToken cancellationToken)
    {
        if (!OutreachIds.IsValid(id))
        {
            return null;
        }

        var row = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, OutreachRows.EntryKey(id), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity && OutreachRows.ReadEntry(entity) is { } entry ? new StoredOutreachEntry(entry, entity.ETag) : null;
    }

    /// <summary>Her newest <paramref name="take"/> entries: the first page of one prefix range.</summary>
    public async Task<IReadOnlyList<OutreachEntry>> ListOwnAsync(string projectId, string objectId, int take, CancellationToken cancellationToken)
    {
        var query = Table.QueryAsync<TableEntity>(TableQueries.Prefix(projectId, OutreachRows.OwnListPrefix(objectId)), maxPerPage: take, cancellationToken: cancellationToken);
        await foreach (var page in query.AsPages(pageSizeHint: take).WithCancellation(cancellationToken))
        {
            return [.. page.Values.Take(take).Select(OutreachRows.ReadEntry).OfType<OutreachEntry>()];
        }

        return [];
    }

    /// <summary>One month's counts (empty when nothing was logged), with the counter row's ETag (null: no row yet).</summary>
    public async Task<(OutreachMonth Month, ETag? ETag)> ReadMonthAsync(string projectId, DateOnly month, CancellationToken cancellationToken)
    {
        var first = OutreachMonth.MonthOf(month);
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, OutreachRows.MonthKey(first), cancellationToken: cancellationToken);
        return MonthOf(first, row.HasValue ? row.Value : null);
    }

    /// <summary>A month's counters and the ETag a change of them is conditional on; an empty month with none when there is no row.</summary>
    private static (OutreachMonth Month, ETag? ETag) MonthOf(DateOnly first, TableEntity? row) =>
        row is null ? (OutreachMonth.Empty(first), null) : (OutreachRows.ReadMonth(first, row), row.ETag);

    /// <summary>The months from <paramref name="first"/> to <paramref name="last"/> inclusive: one RowKey range, at most one row a month.</summary>
    public async Task<IReadOnlyList<OutreachMonth>> MonthsAsync(string projectId, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var from = OutreachRows.MonthKey(OutreachMonth.MonthOf(first));
        var to = OutreachRows.MonthKey(OutreachMonth.MonthOf(last));
        var filter = TableQueries.Range(projectId, from, to);
        var byKey = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            byKey[row.RowKey] = row;
        }

        var months = new List<OutreachMonth>();
        for (var month = OutreachMonth.MonthOf(first); month <= last; month = month.AddMonths(1))
        {
            months.Add(byKey.TryGetValue(OutreachRows.MonthKey(month), out var row) ? OutreachRows.ReadMonth(month, row) : OutreachMonth.Empty(month));
        }

        return months;
    }

    private async Task<LoggedEntry?> ExistingAsync(string projectId, string dedupeKey, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, dedupeKey, cancellationToken: cancellationToken);
        var id = row.HasValue ? row.Value?.GetString("EntryId") : null;
        return id is not null && await FindAsync(projectId, id, cancellationToken) is { } entry ? new LoggedEntry(entry, Duplicate: true) : null;
    }
}
