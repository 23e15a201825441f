using System.Collections.Concurrent;

namespace PartnerHub.Api.Storage.ReadCaching;

/// <summary>
/// A value that is costly to read (a query over many rows) kept with the version it was read at, where every write of
/// what it covers moves that version (a stamp written in the writes' own transactions). Reading it again is then one
/// cheap read of the version: when it is as before, nothing the value covers has changed, and the value read before is
/// answered. The version is read before the value, so a write that commits between the two moves the version past
/// what is kept, and the next call reads the value again: never the reverse.
/// <para>
/// This does not decide how long a value is answered without asking (<see cref="CachedReads{TKey, TValue}"/> does);
/// it makes asking cheap. A change that did not move the version (a hand edit in storage) is read at the latest
/// <see cref="MaxAge"/> after the value was. Off with <see cref="ReadCache"/>: then every call reads the value.
/// </para>
/// </summary>
public sealed class RevalidatedReads<TKey, TValue>(ReadCache? cache)
    where TKey : notnull
{
    /// <summary>The longest a value is answered on an unchanged version before it is read again in full.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<TKey, Kept> _kept = new();
    private readonly SizeBound _bound = new(cache?.MaxEntries ?? int.MaxValue);

    /// <param name="readVersion">The version as stored now; null when nothing has written one yet (a version too).</param>
    /// <param name="read">The value in full.</param>
    public async Task<TValue> GetAsync(TKey key, Func<CancellationToken, Task<string?>> readVersion, Func<CancellationToken, Task<TValue>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readVersion);
        ArgumentNullException.ThrowIfNull(read);
        if (cache is not { Enabled: true })
        {
            return await read(cancellationToken);
        }

        var readAt = cache.Now();
        var version = await readVersion(cancellationToken);
        if (_kept.TryGetValue(key, out var kept) && kept.Version == version && readAt - kept.ReadAt < MaxAge)
        {
            return kept.Value;
        }

        var value = await read(cancellationToken);
        if (_bound.IsFull(_kept))
        {
            _kept.Clear();
        }

        _kept[key] = new Kept(version, value, readAt);
        return value;
    }

    /// <summary>Forgets the key's value (a write through this instance; its version moves anyway, this only frees it sooner).</summary>
    public void Invalidate(TKey key) => _kept.TryRemove(key, out _);

    private sealed record Kept(string? Version, TValue Value, DateTimeOffset ReadAt);
}
