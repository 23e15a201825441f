using System.Collections.Concurrent;

namespace PartnerHub.Api.Storage;

/// <summary>
/// One change at a time per key on this instance, for changes that are each conditional on one row's ETag (a guard row):
/// two of this instance's own changes would otherwise race for it, and the loser pay a failed transaction, a fresh read
/// and a retry. Waiting its turn costs nothing, and the holder before it leaves the row's new ETag remembered. Other
/// instances are not excluded: their races are still settled by the ETag. The same rule as <see cref="CounterShards"/>,
/// for a row that cannot be sharded.
/// </summary>
public sealed class KeyedTurns
{
    /// <summary>Keys whose turns are kept; past this the map starts again (a lost turn only costs a race, as before).</summary>
    public const int MaxKeys = 10_000;

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _turns = new(StringComparer.Ordinal);
    private readonly SizeBound _bound = new(MaxKeys);

    /// <summary>Waits for the key's turn; dispose the answer when the change is done (after its row is remembered).</summary>
    public async Task<IDisposable> TakeAsync(string key, CancellationToken cancellationToken)
    {
        if (_bound.IsFull(_turns))
        {
            _turns.Clear();
        }

        var turn = _turns.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(cancellationToken);
        return new Held(turn);
    }

    private sealed class Held(SemaphoreSlim turn) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                turn.Release();
            }
        }
    }
}
