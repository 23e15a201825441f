using Azure;
using Azure.Data.Tables;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Reporting;

namespace PartnerHub.Api.Reporting;

/// <summary>
/// A project's report counters, one row per feature and Copenhagen month, <c>report-month|{feature}|{yyyy-MM}</c>, in the
/// project's partition of the main table, beside the rows they count: so a change and its counters commit in one
/// entity-group transaction. A counter is a property named <c>c_{key with '.' as '_'}</c>. Counter rows are written
/// conditionally (added if absent, merged on the ETag read), and a lost race on a counter row alone is retried with the
/// counter re-read, while a lost race on the counted row itself stays the caller's conflict.
/// A month's counters may be split over shards (<see cref="CounterShards"/>): shard 0 is the row above, shard k the row
/// <c>…|{yyyy-MM}|{k}</c>; so changes in flight at once count in different rows, and a read adds the shards up.
/// </summary>
public static class MonthCounterRows
{
    public const string Prefix = "report-month|";

    private const string PropertyPrefix = "c_";

    public static string RowKey(string feature, DateOnly month) => $"{Prefix}{feature}|{ReportPeriod.MonthKey(month)}";

    /// <summary>The row of one shard of a month's counters (shard 0: <see cref="RowKey(string, DateOnly)"/>).</summary>
    public static string RowKey(string feature, DateOnly month, int shard) =>
        shard == 0 ? RowKey(feature, month) : $"{RowKey(feature, month)}|{shard.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public static string Property(string key) => PropertyPrefix + key.Replace('.', '_');

    /// <summary>
    /// Commits <paramref name="actions"/> with the counter changes they cause, in one transaction. When the transaction
    /// fails on a counter row (another change counted first), the counters are read again and the whole transaction
    /// retried (<see cref="CountedTransactions"/>); any other failure is rethrown for the caller to interpret (its own
    /// action indexes are unchanged: the counter actions come last). <paramref name="alsoCounted"/> adds a feature's own
    /// counter rows, built from the same reader (the same shard) and retried with the month's.
    /// </summary>
    public static Task<Response<IReadOnlyList<Response>>> SubmitAsync(
        TableStore store,
        string projectId,
        IReadOnlyList<TableTransactionAction> actions,
        string feature,
        IReadOnlyList<CounterDelta> deltas,
        CancellationToken cancellationToken,
        Func<CounterRowReader, CancellationToken, Task<IReadOnlyList<TableTransactionAction>>>? alsoCounted = null)
    {
        var table = store.Table(TableNames.Main);
        return CountedTransactions.SubmitAsync(
            table,
            projectId,
            async (rows, ct) => new CountedTransaction(
                [.. actions, .. await ActionsAsync(rows, projectId, feature, deltas, ct), .. alsoCounted is null ? [] : await alsoCounted(rows, ct)],
                actions.Count),
            store.Written,
            cancellationToken);
    }

    /// <summary>
    /// The conditional writes that add <paramref name="deltas"/> to the counter rows as they are now. Each carries the
    /// whole row (every counter of the month), so the row as written can be remembered.
    /// </summary>
    public static async Task<IReadOnlyList<TableTransactionAction>> ActionsAsync(
        CounterRowReader rows, string projectId, string feature, IReadOnlyList<CounterDelta> deltas, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>();
        foreach (var month in deltas.Where(d => d.Delta != 0).GroupBy(d => d.Month))
        {
            var rowKey = RowKey(feature, month.Key, rows.Shard);
            var current = await rows.ReadAsync(projectId, rowKey, cancellationToken);
            var row = new TableEntity(projectId, rowKey);
            foreach (var (name, value) in current?.Where(p => p.Key.StartsWith(PropertyPrefix, StringComparison.Ordinal)) ?? [])
            {
                row[name] = value;
            }

            foreach (var key in month.GroupBy(d => d.Key, StringComparer.Ordinal))
            {
                var property = Property(key.Key);
                var before = current?.GetInt32(property) ?? 0;
                row[property] = before + key.Sum(d => d.Delta);
            }

            actions.Add(current is not null
                ? new TableTransactionAction(TableTransactionActionType.UpdateMerge, row, current.ETag)
                : new TableTransactionAction(TableTransactionActionType.Add, row));
        }

        return actions;
    }

    /// <summary>
    /// A feature's counters for the period's months, shards added up: one bounded range query over its month rows (at
    /// most <see cref="CounterShards.Count"/> a month).
    /// </summary>
    public static async Task<MonthlyCounters> ReadAsync(TableClient table, string projectId, string feature, ReportPeriod period, CancellationToken cancellationToken)
    {
        var counters = new MonthlyCounters();
        var months = $"{Prefix}{feature}|";
        // '~' sorts after '|' and the digits: the last month's shards are inside the range.
        var filter = TableQueries.Range(projectId, RowKey(feature, period.FirstMonth), RowKey(feature, period.LastMonth) + "|~");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var month = DateOnly.ParseExact(string.Concat(row.RowKey.AsSpan(months.Length, 7), "-01"), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            foreach (var (name, value) in row.Where(p => p.Key.StartsWith(PropertyPrefix, StringComparison.Ordinal)))
            {
                if (value is int count)
                {
                    counters.Add(month, name[PropertyPrefix.Length..].Replace('_', '.'), count);
                }
            }
        }

        return counters;
    }
}
