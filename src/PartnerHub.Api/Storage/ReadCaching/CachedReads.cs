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

    /// <summary>The remembered value, if there is one still within its lifetime; never reads.</summary>
    public bool TryPeek(TKey key, out TValue value)
    {
        if (cache is { Enabled: true } && _entries.TryGetValue(key, out var found) && found.ExpiresAt > cache.Now())
        {
            value = found.Value;
            return true;
        }

        value = default!;
        return false;
    }

    public void Invalidate(TKey key)
    {
        Interlocked.Increment(ref _generation);
        _entries.TryRemove(key, out _);
    }

    /// <summary>
    /// Before a change whose effect on the remembered value is known: drops the entry, like <see cref="Invalidate"/>,
    /// and hands it to the writer, who gives it back changed with <see cref="Restore"/> once the write committed.
    /// </summary>
    public Taken Take(TKey key)
    {
        var generation = Interlocked.Increment(ref _generation);
        _entries.TryRemove(key, out var entry);
        return new Taken(entry, generation);
    }

    /// <summary>
    /// After the change committed: remembers the taken value with the change applied, for what is left of its lifetime,
    /// unless anything else changed in between (then the next read reads). Reads that overlapped the write are dropped.
    /// </summary>
    public void Restore(TKey key, Taken taken, Func<TValue, TValue> change)
    {
        ArgumentNullException.ThrowIfNull(taken);
        ArgumentNullException.ThrowIfNull(change);
        var generation = Interlocked.Increment(ref _generation);
        if (taken.Entry is not { } before || generation != taken.Generation + 1 || cache is not { Enabled: true } || before.ExpiresAt <= cache.Now())
        {
            _entries.TryRemove(key, out _);
            return;
        }

        var entry = before with { Value = change(before.Value) };
        _entries[key] = entry;
        if (Interlocked.Read(ref _generation) != generation)
        {
            _entries.TryRemove(new KeyValuePair<TKey, Entry>(key, entry));
        }
    }

    /// <summary>For changes that touch many keys at once.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    /// <summary>What <see cref="Take"/> took, and when.</summary>
    public sealed class Taken
    {
        internal Taken(Entry? entry, long generation) => (Entry, Generation) = (entry, generation);

        internal Entry? Entry { get; }

        internal long Generation { get; }
    }

    internal sealed record Entry(TValue Value, DateTimeOffset ExpiresAt);
}
