using System.Collections.Concurrent;

namespace PartnerHub.Api.Storage;

/// <summary>
/// Spreads the counted transactions this instance has in flight at once over a counter's shards (rows that are added up
/// when read), so they do not all race for one row: alone, a change uses shard 0 (the row as it always was, which this
/// instance usually remembers, so no read); the k-th at once uses shard k (mod <see cref="Count"/>). A change that lost a
/// race on a counter row retries on a random shard. Which shard a count lands in never changes the sum.
/// </summary>
public sealed class CounterShards
{
    /// <summary>Shards per counter: a month's row and up to seven siblings.</summary>
    public const int Count = 8;

    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Marks one more counted transaction in flight on <paramref name="table"/>; dispose when it is done.</summary>
    public InFlight Enter(string table)
    {
        var now = _inFlight.AddOrUpdate(table, 1, (_, count) => count + 1);
        return new InFlight(this, table, (now - 1) % Count);
    }

    /// <summary>A shard for a retry after a lost race: any, so racers that met once are unlikely to meet again.</summary>
    public static int AnyShard() => Random.Shared.Next(Count);

    private void Leave(string table) => _inFlight.AddOrUpdate(table, 0, (_, count) => Math.Max(0, count - 1));

    /// <summary>One counted transaction in flight, and the shard its first attempt uses.</summary>
    public readonly struct InFlight(CounterShards shards, string table, int shard) : IDisposable
    {
        public int Shard { get; } = shard;

        public void Dispose() => shards.Leave(table);
    }
}
