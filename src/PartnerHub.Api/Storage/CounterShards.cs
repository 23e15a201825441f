using System.Collections.Concurrent;

namespace PartnerHub.Api.Storage;

/// <summary>
/// Spreads the counted transactions this instance has in flight at once over a counter's shards (rows that are added up
/// when read), and lets no two of them race for one shard: a change takes the lowest shard of its partition that no
/// other change here holds (alone, shard 0: the row as it always was, which this instance usually remembers, so no
/// read); when all <see cref="Count"/> are held, it waits its turn for one. A race lost to this instance's own change
/// would cost a failed transaction, a thrown exception, a fresh read and a second transaction (bench/README.md, "Where a
/// change's CPU goes"); waiting costs nothing, and the holder before it leaves the row's new ETag remembered
/// (<see cref="KnownRows"/>). Other instances are not excluded: their races are still settled by the ETag
/// (<see cref="CountedTransactions"/>). Which shard a count lands in never changes the sum.
/// </summary>
public sealed class CounterShards
{
    /// <summary>Shards per counter: a month's row and up to seven siblings.</summary>
    public const int Count = 8;

    /// <summary>Partitions whose turns are kept; past this the map starts again (a lost turn only costs a race, as before).</summary>
    public const int MaxPartitions = 10_000;

    private readonly ConcurrentDictionary<(string Table, string PartitionKey), SemaphoreSlim[]> _turns = new();
    private readonly SizeBound _bound = new(MaxPartitions);

    /// <summary>Takes a shard of <paramref name="partitionKey"/>'s counters in <paramref name="table"/>: a free one, else the next turn of one.</summary>
    public async Task<Held> TakeAsync(string table, string partitionKey, CancellationToken cancellationToken)
    {
        var turns = Turns(table, partitionKey);
        for (var shard = 0; shard < Count; shard++)
        {
            if (turns[shard].Wait(0, CancellationToken.None))
            {
                return new Held(turns, shard);
            }
        }

        var any = AnyShard();
        await turns[any].WaitAsync(cancellationToken);
        return new Held(turns, any);
    }

    /// <summary>A shard for a retry after a lost race: any, so racers that met once are unlikely to meet again.</summary>
    public static int AnyShard() => Random.Shared.Next(Count);

    private SemaphoreSlim[] Turns(string table, string partitionKey)
    {
        if (_turns.TryGetValue((table, partitionKey), out var turns))
        {
            return turns;
        }

        if (_bound.IsFull(_turns))
        {
            _turns.Clear();
        }

        return _turns.GetOrAdd((table, partitionKey), _ => [.. Enumerable.Range(0, Count).Select(_ => new SemaphoreSlim(1, 1))]);
    }

    /// <summary>The shard a counted transaction holds; dispose when it is done (after its written rows are remembered).</summary>
    public sealed class Held(SemaphoreSlim[] turns, int shard) : IDisposable
    {
        private int _released;

        public int Shard { get; private set; } = shard;

        /// <summary>After a race lost to another instance: moves to another free shard, if there is one, else keeps this one.</summary>
        public void TryMove()
        {
            var other = AnyShard();
            if (other != Shard && turns[other].Wait(0, CancellationToken.None))
            {
                turns[Shard].Release();
                Shard = other;
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                turns[Shard].Release();
            }
        }
    }
}
