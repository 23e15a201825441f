using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Referrals;

/// <summary>
/// The mothers' open load ("Samira – 2 aktive") kept as counts beside the referrals, so the triage card reads it by key
/// however many referrals the project has: rows <c>open-load</c> (shard 0) and <c>open-load|{k}</c> (the shards of
/// <see cref="CounterShards"/>), each holding <c>Open</c>, a JSON object of mother object id to count. The load is their sum.
/// A change that moves a referral in or out of a mother's load moves its count in the same transaction
/// (<see cref="ActionsAsync"/>), as report months are counted (<see cref="CountedTransactions"/>).
/// Shard 0 also holds <c>Shards</c> (the shard rows that may exist: 1 + the highest) and <c>Kept</c> (the counts are
/// complete). A transaction that adds a shard row rewrites shard 0 too, so one ETag covers every shard's existence.
/// Counts are complete once a read has settled them (<see cref="ReadAsync"/>): for a project whose referrals were written
/// before the counts were kept, the first read counts its by-mother index, as every read once did, and writes that count.
/// </summary>
public static class OpenLoadRows
{
    public const string Prefix = "open-load";

    /// <summary>
    /// A row's JSON stays well under Table Storage's 32,768 characters for a string: about 40 characters a mother, so some
    /// 700 mothers with open referrals in one project. A project's mothers are all listed on one triage card, far fewer.
    /// </summary>
    public const int MaxCountsLength = 30_000;

    private const string CountsProperty = "Open";
    private const string ShardsProperty = "Shards";
    private const string KeptProperty = "Kept";

    public static string RowKey(int shard) =>
        shard == 0 ? Prefix : Prefix + "|" + shard.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The counter actions that move one referral from <paramref name="from"/>'s open load to <paramref name="to"/>'s
    /// (null: none), in the shard this attempt holds; none when it stays where it was.
    /// </summary>
    public static async Task<IReadOnlyList<TableTransactionAction>> ActionsAsync(
        CounterRowReader rows, string projectId, string? from, string? to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (string.Equals(from, to, StringComparison.Ordinal))
        {
            return [];
        }

        var current = await rows.ReadAsync(projectId, RowKey(rows.Shard), cancellationToken);
        var counts = OpenLoad.Moved(CountsIn(current), from, to);
        var row = WithCounts(current is null ? new TableEntity(projectId, RowKey(rows.Shard)) : Copy(current), counts);
        var actions = new List<TableTransactionAction> { Written(row, current) };
        if (rows.Shard > 0 && current is null)
        {
            // A new shard row: shard 0 says it may exist, in the same transaction, so a settle conditional on shard 0 sees it.
            var first = await rows.ReadAsync(projectId, RowKey(0), cancellationToken);
            var marked = first is null ? new TableEntity(projectId, RowKey(0)) : Copy(first);
            marked[ShardsProperty] = Math.Max(ShardsIn(first), rows.Shard + 1);
            actions.Add(Written(marked, first));
        }

        return actions;
    }

    /// <summary>
    /// The project's open load: shard 0 by its key, then the other shards it names, by theirs. When the counts are kept,
    /// their sum, folded into shard 0 when there were several; when not (yet), <paramref name="countIndex"/>'s count of the
    /// by-mother index, settled into shard 0. A settle is conditional on every shard row read (and shard 0 on which may
    /// exist), so a change that counted meanwhile makes it fail and leaves the rows as they were; the count read is still
    /// answered, and the next read settles.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, int>> ReadAsync(
        TableClient table, KnownRows? known, string projectId, Func<CancellationToken, Task<IReadOnlyDictionary<string, int>>> countIndex, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(countIndex);
        var first = await ReadRowAsync(table, projectId, 0, cancellationToken);
        var others = (await Task.WhenAll(Enumerable.Range(1, Math.Max(0, ShardsIn(first) - 1))
            .Select(shard => ReadRowAsync(table, projectId, shard, cancellationToken)))).OfType<TableEntity>().ToList();
        var kept = first?.GetBoolean(KeptProperty) == true;
        if (kept && others.Count == 0)
        {
            return CountsIn(first);
        }

        var load = kept ? Sum([first!, .. others]) : await countIndex(cancellationToken);
        await SettleAsync(table, known, projectId, first, others, load, cancellationToken);
        return load;
    }

    /// <summary>The counts a row holds (none for no row).</summary>
    public static IReadOnlyDictionary<string, int> CountsIn(TableEntity? row) =>
        row?.GetString(CountsProperty) is { Length: > 0 } json
            ? JsonSerializer.Deserialize<Dictionary<string, int>>(json) ?? []
            : new Dictionary<string, int>(StringComparer.Ordinal);

    private static async Task SettleAsync(
        TableClient table, KnownRows? known, string projectId, TableEntity? first, IReadOnlyList<TableEntity> others, IReadOnlyDictionary<string, int> load, CancellationToken cancellationToken)
    {
        var settled = WithCounts(new TableEntity(projectId, RowKey(0)) { [KeptProperty] = true, [ShardsProperty] = 1 }, load);
        var actions = new List<TableTransactionAction> { Written(settled, first) };
        actions.AddRange(others.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, row.ETag)));
        try
        {
            var response = await table.CommitAsync(actions, cancellationToken);
            if (response.Value[0].Headers.ETag is { } etag)
            {
                known?.Remember(table, settled, etag);
            }
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412)
        {
            // A change counted meanwhile: what it wrote stands, and the next read settles.
            known?.Forget(table, projectId, RowKey(0));
        }

        foreach (var row in others)
        {
            known?.Forget(table, projectId, row.RowKey);
        }
    }

    private static async Task<TableEntity?> ReadRowAsync(TableClient table, string projectId, int shard, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(projectId, RowKey(shard), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    private static Dictionary<string, int> Sum(IEnumerable<TableEntity> rows)
    {
        var load = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (mother, count) in rows.SelectMany(CountsIn))
        {
            load[mother] = load.GetValueOrDefault(mother) + count;
        }

        foreach (var none in load.Where(pair => pair.Value == 0).Select(pair => pair.Key).ToList())
        {
            load.Remove(none);
        }

        return load;
    }

    private static int ShardsIn(TableEntity? first) => first?.GetInt32(ShardsProperty) ?? 1;

    private static TableEntity WithCounts(TableEntity row, IReadOnlyDictionary<string, int> counts)
    {
        var json = JsonSerializer.Serialize(counts);
        if (json.Length > MaxCountsLength)
        {
            throw new InvalidOperationException($"The open load of {counts.Count} mothers no longer fits one row.");
        }

        row[CountsProperty] = json;
        return row;
    }

    // Whole rows, replaced on the ETag read (so a mother whose count is back to none leaves the JSON), or added.
    private static TableTransactionAction Written(TableEntity row, TableEntity? current) =>
        current is null
            ? new TableTransactionAction(TableTransactionActionType.Add, row)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, current.ETag);

    private static TableEntity Copy(TableEntity row)
    {
        var copy = new TableEntity(row.PartitionKey, row.RowKey);
        foreach (var name in new[] { CountsProperty, ShardsProperty, KeptProperty })
        {
            if (row.TryGetValue(name, out var value))
            {
                copy[name] = value;
            }
        }

        return copy;
    }
}
