using System.Collections.Concurrent;

namespace PartnerHub.Api.Storage.ReadCaching;

/// <summary>
/// One kind of read by key, remembered for <see cref="ReadCache.Lifetime"/>. The store that reads also writes: it calls
/// <see cref="Invalidate"/> on every change, so this instance sees its own changes at once; other instances within the
/// lifetime. Without a <see cref="ReadCache"/> (or with 0 seconds) every call reads.
/// </summary>
public sealed class CachedReads<TKey, TValue>(ReadCache? cache)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();

    // Bumped before an entry is dropped: a read that began before a change never stores what it read after it.
    private long _generation;

    public async Task<TValue> GetAsync(TKey key, Func<CancellationToken, Task<TValue>> read, CancellationToken cancellationToken)
    {
        if (cache is not { Enabled: true })
        {
            return await read(cancellationToken);
        }

        var now = cache.Now();
        if (_entries.TryGetValue(key, out var found) && found.ExpiresAt > now)
        {
            return found.Value;
        }

        var generation = Interlocked.Read(ref _generation);
        var value = await read(cancellationToken);
        if (_entries.Count >= cache.MaxEntries)
        {
            _entries.Clear();
        }

        // Expiry counts from before the read, so nothing is remembered longer than the lifetime after it was true.
        var entry = new Entry(value, now + cache.Lifetime);
        _entries[key] = entry;
        if (Interlocked.Read(ref _generation) != generation)
        {
            _entries.TryRemove(new KeyValuePair<TKey, Entry>(key, entry));
        }

        return value;
    }

    public void Invalidate(TKey key)
    {
        Interlocked.Increment(ref _generation);
        _entries.TryRemove(key, out _);
    }

    /// <summary>For changes that touch many keys at once.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    private sealed record Entry(TValue Value, DateTimeOffset ExpiresAt);
}
