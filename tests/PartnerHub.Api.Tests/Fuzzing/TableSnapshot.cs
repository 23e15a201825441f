using Azure.Data.Tables;
using PartnerHub.Api.Storage.Leases;
using PartnerHub.Api.Tests.Infrastructure;

namespace PartnerHub.Api.Tests.Fuzzing;

/// <summary>
/// Every row of every table under one host's table prefix, with every property but the ETag and timestamp: two
/// snapshots are equal when nothing was written. Test-only scan. The background loops' leases are left out: they are
/// the host's bookkeeping, renewed on their own clock.
/// </summary>
internal sealed class TableSnapshot
{
    private readonly SortedDictionary<string, string> _rows;

    private TableSnapshot(SortedDictionary<string, string> rows) => _rows = rows;

    public int Count => _rows.Count;

    public static async Task<TableSnapshot> TakeAsync(string tablePrefix)
    {
        var service = new TableServiceClient(AzuriteFixture.ConnectionString);
        var rows = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await foreach (var table in service.QueryAsync(filter: $"TableName ge '{tablePrefix}' and TableName lt '{tablePrefix}{{'"))
        {
            await foreach (var row in service.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                if (row.PartitionKey == TableLeases.Partition)
                {
                    continue;
                }

                var properties = row.Keys
                    .Where(key => key is not ("odata.etag" or "Timestamp" or "PartitionKey" or "RowKey"))
                    .Order(StringComparer.Ordinal)
                    .Select(key => $"{key}={Show(row[key])}");
                rows[$"{table.Name[tablePrefix.Length..]}|{row.PartitionKey}|{row.RowKey}"] = string.Join("; ", properties);
            }
        }

        return new TableSnapshot(rows);
    }

    /// <summary>What changed from <paramref name="before"/> to this snapshot: rows added, removed or changed (by key).</summary>
    public IReadOnlyList<string> ChangesSince(TableSnapshot before)
    {
        var changes = new List<string>();
        foreach (var (key, value) in _rows)
        {
            if (!before._rows.TryGetValue(key, out var old))
            {
                changes.Add("added " + key);
            }
            else if (old != value)
            {
                changes.Add("changed " + key);
            }
        }

        changes.AddRange(before._rows.Keys.Where(key => !_rows.ContainsKey(key)).Select(key => "removed " + key));
        return changes;
    }

    /// <summary>
    /// A change that only records a refused attempt: a new audit row with Allowed=false. The one write a refusal may make
    /// (the audit shows who tried what and was refused); bad input writes nothing at all.
    /// </summary>
    public bool IsDeniedAudit(string change) =>
        change.StartsWith("added audit|", StringComparison.Ordinal)
        && _rows.TryGetValue(change["added ".Length..], out var row)
        && row.Split("; ").Contains("Allowed=False");

    private static string Show(object? value) => value switch
    {
        byte[] bytes => Convert.ToBase64String(bytes),
        DateTimeOffset time => time.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "null",
    };
}
