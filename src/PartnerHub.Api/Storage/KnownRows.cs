using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace PartnerHub.Api.Storage;

/// <summary>
/// Hot rows this instance wrote last (a month's counters), with the ETag its write got back. A change conditional on
/// such a row need not read it again: when nobody wrote it since, the remembered row is the row. When another instance
/// did, the ETag no longer matches, the transaction fails on that row and is built again from a fresh read
/// (<see cref="CountedTransactions"/>): a stale entry costs one attempt, never a wrong value. So, unlike the read cache,
/// nothing here expires.
/// </summary>
public sealed class KnownRows
{
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<(string Table, string PartitionKey, string RowKey), TableEntity> _rows = new();
    private readonly SizeBound _bound = new(MaxEntries);

    /// <summary>How this instance spreads its concurrent counted transactions over counter shards.</summary>
    public CounterShards Shards { get; } = new();

    /// <summary>The row as this instance last wrote it, with its ETag then; null when unknown here.</summary>
    public TableEntity? Find(TableClient table, string partitionKey, string rowKey) =>
        _rows.TryGetValue((table.Name, partitionKey, rowKey), out var row) ? Copy(row, row.ETag) : null;

    /// <summary>Remembers the whole row as written, with the ETag the write answered.</summary>
    public void Remember(TableClient table, TableEntity row, ETag etag)
    {
        if (_bound.IsFull(_rows))
        {
            _rows.Clear();
        }

        _rows[(table.Name, row.PartitionKey, row.RowKey)] = Copy(row, etag);
    }

    public void Forget(TableClient table, string partitionKey, string rowKey) => _rows.TryRemove((table.Name, partitionKey, rowKey), out _);

    // Callers build their writes from what they find; the remembered row stays as it was written.
    private static TableEntity Copy(TableEntity row, ETag etag) => new(row) { ETag = etag };
}
