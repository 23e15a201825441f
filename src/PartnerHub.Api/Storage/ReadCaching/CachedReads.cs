using System.Collections.Concurrent;

namespace PartnerHub.Api.Storage.ReadCaching;

/// <summary>
/// One kind of read by key, remembered for <see cref="ReadCache.Lifetime"/>. The store that reads also writes: it calls
/// <see cref="WriteAsync{T}(TKey, Func{Task{T}}, Func{TValue, CachedChange{TValue}}?)"/> around every write (or <see cref="Invalidate"/>), so this instance sees its own changes at once; other instances within the
/// lifetime. Without a <see cref="ReadCache"/> (or with 0 seconds) every call reads.
/// Calls that miss the same key at once share one read. With <paramref name="refreshAhead"/> (for the few keys nearly
/// every action needs: a project, its members, a caller's memberships) a value in the last third of its lifetime is
/// still answered, and one read starts beside the request to replace it, so steady traffic never waits for a read;
/// nothing is answered later than its lifetime after it was read, so how soon a change elsewhere is seen is unchanged.
/// With <paramref name="besideWrites"/>, for a value only shown (a count on a card), a read that commuting writes ran
/// beside is kept for that long, though it may hold their effects or not, instead of not at all: under steady writes
/// the other choice was a read by every call.
/// </summary>
public sealed class CachedReads<TKey, TValue>(ReadCache? cache, bool refreshAhead = false, TimeSpan? besideWrites = null)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();

    // Reads in flight, one per key, which callers missing the same key join while nothing has changed the key since.
    private readonly ConcurrentDictionary<TKey, Reading> _reading = new();

    // Bumped per key before its entry is dropped: a read that began before a change of its key never stores what it
    // read after it. Per key, so changes of other records in flight at once do not keep this one from being remembered.
    private readonly ConcurrentDictionary<TKey, long> _generations = new();

    // Bumped when every key changes at once (Clear), or when the per-key counts start afresh.
    private long _epoch;

    // Writes whose change commutes (ApplyAsync), counted per key: a read is kept only when none ran beside it.
    private readonly ConcurrentDictionary<TKey, Writes> _writes = new();

    // When expired entries and the change counts are next let go (UTC ticks): at most once a lifetime.
    private long _nextPrune = cache is { Enabled: true } ? (cache.Now() + cache.Lifetime).UtcTicks : long.MaxValue;

    private readonly SizeBound _entriesBound = new(cache?.MaxEntries ?? int.MaxValue);
    private readonly SizeBound _writesBound = new(cache?.MaxEntries ?? int.MaxValue);
    private readonly SizeBound _generationsBound = new(cache?.MaxEntries ?? int.MaxValue);

    public async Task<TValue> GetAsync(TKey key, Func<CancellationToken, Task<TValue>> read, CancellationToken cancellationToken)
    {
        if (cache is not { Enabled: true })
        {
            return await read(cancellationToken);
        }

        var now = cache.Now();
        if (_entries.TryGetValue(key, out var found) && found.ExpiresAt > now)
        {
            if (refreshAhead && found.ExpiresAt - now <= found.Lifetime / 3)
            {
                RefreshBeside(key, read);
            }

            return found.Value;
        }

        return await SharedReadAsync(key, read).WaitAsync(cancellationToken);
    }

    /// <summary>The key's read in flight when nothing changed the key since it began, else a new one that others join.</summary>
    private Task<TValue> SharedReadAsync(TKey key, Func<CancellationToken, Task<TValue>> read, bool beside = false)
    {
        while (true)
        {
            var generation = Current(key);
            var writes = WritesBeside(key);
            var running = _reading.GetValueOrDefault(key);
            if (running is not null && running.Generation == generation && (besideWrites is not null || (writes is { } now && running.Writes == now)))
            {
                return running.Value.Task;
            }

            var reading = new Reading(generation, writes, new TaskCompletionSource<TValue>(TaskCreationOptions.RunContinuationsAsynchronously));
            if (running is null ? _reading.TryAdd(key, reading) : _reading.TryUpdate(key, reading, running))
            {
                if (beside)
                {
                    // Outside the request: not charged to it, not part of its trace.
                    using (ExecutionContext.SuppressFlow())
                    {
                        _ = Task.Run(() => CompleteAsync(key, reading, read));
                    }
                }
                else
                {
                    _ = CompleteAsync(key, reading, read);
                }

                return reading.Value.Task;
            }
        }
    }

    private async Task CompleteAsync(TKey key, Reading reading, Func<CancellationToken, Task<TValue>> read)
    {
        try
        {
            reading.Value.SetResult(await ReadAndRememberAsync(key, read));
        }
        catch (Exception exception)
        {
            reading.Value.SetException(exception);
        }
        finally
        {
            _reading.TryRemove(new KeyValuePair<TKey, Reading>(key, reading));
        }
    }

    /// <summary>Starts the key's next read (or joins the one running) outside the request, which does not wait for it.</summary>
    private void RefreshBeside(TKey key, Func<CancellationToken, Task<TValue>> read)
    {
        var refresh = SharedReadAsync(key, read, beside: true);

        // A failed refresh changes nothing: the value expires as it would have, and the next call reads (and fails) itself.
        _ = refresh.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    private async Task<TValue> ReadAndRememberAsync(TKey key, Func<CancellationToken, Task<TValue>> read)
    {
        // Before this read's generation is taken: a prune now costs reads in flight their keeping, not this one.
        PruneWhenDue();
        var now = cache!.Now();
        var generation = Current(key);
        var writes = WritesBeside(key);
        // Not the first caller's token: the others waiting on the same read must not be cancelled with her request.
        var value = await read(CancellationToken.None);
        if (_entriesBound.IsFull(_entries))
        {
            _entries.Clear();
        }

        if (Current(key) != generation)
        {
            // Changed since the read began: leave alone whatever a later read may have remembered already.
            return value;
        }

        // Expiry counts from before the read, so nothing is remembered longer than the lifetime after it was true.
        var entry = new Entry(value, now + cache.Lifetime, cache.Lifetime);
        var clean = writes is { } before && WritesBeside(key) == before;
        if (!clean && besideWrites is { } brief)
        {
            var until = Min(now + cache.Lifetime, cache.Now() + brief);
            entry = new Entry(value, until, until - now);
        }

        _entries[key] = entry;
        if (Current(key) != generation)
        {
            _entries.TryRemove(new KeyValuePair<TKey, Entry>(key, entry));
        }
        else if (!clean && besideWrites is null)
        {
            // Whatever is there now: a commuting write may have applied its change to this entry already.
            _entries.TryRemove(key, out _);
        }

        return value;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>
    /// A write whose effect on the value commutes with every other such write (a count moved, a member added), through
    /// the store that remembers. The value stays in use while it runs (the write is not done yet), and once it has
    /// succeeded its change is applied to whatever is remembered then, in whichever order writes finish: so writes in
    /// flight at once do not drop the value for each other, as <see cref="WriteAsync{T}(TKey, Func{Task{T}}, Func{TValue, CachedChange{TValue}}?)"/>
    /// would. A read is kept only when no such write of its key ran beside it (it may hold a write's effect or not).
    /// A failed write drops the value (it may have happened).
    /// </summary>
    public async Task<T> ApplyAsync<T>(TKey key, Func<Task<T>> write, Func<TValue, TValue> change)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(change);
        if (cache is not { Enabled: true })
        {
            return await write();
        }

        if (_writesBound.IsFull(_writes))
        {
            // A read that began before this sees a different counter object, and is not kept.
            _writes.Clear();
        }

        var writes = _writes.GetOrAdd(key, _ => new Writes());
        Interlocked.Increment(ref writes.Started);
        try
        {
            var result = await DroppedIfFailedAsync(key, write);
            while (_entries.TryGetValue(key, out var entry) && !_entries.TryUpdate(key, entry with { Value = change(entry.Value) }, entry))
            {
            }

            return result;
        }
        finally
        {
            Interlocked.Increment(ref writes.Finished);
        }
    }

    /// <summary>The key's commuting writes as a read begins or ends: null when one is running (what it reads may hold it or not).</summary>
    private (Writes? Counter, long Started)? WritesBeside(TKey key)
    {
        if (!_writes.TryGetValue(key, out var writes))
        {
            return (null, 0);
        }

        var started = Interlocked.Read(ref writes.Started);
        return Interlocked.Read(ref writes.Finished) == started ? (writes, started) : null;
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
        Advance(key);
        _entries.TryRemove(key, out _);
    }

    /// <summary>
    /// A write through the store that remembers: the value is dropped before it and again after it, so a read that
    /// overlapped the write is never kept, and this instance sees its own change at once. A write whose effect on the
    /// value is known passes <paramref name="change"/>: the value is then kept with it applied (<see cref="CachedChange.Keep"/>),
    /// for what is left of its lifetime, unless anything else dropped the same key meanwhile or the write failed (then the
    /// next call reads). The change may also see that the value it is given does not tell the write's effect, and answer
    /// <see cref="CachedChange.Drop"/>: nothing is kept.
    /// </summary>
    public async Task<T> WriteAsync<T>(TKey key, Func<Task<T>> write, Func<TValue, CachedChange<TValue>>? change = null)
    {
        ArgumentNullException.ThrowIfNull(write);
        var taken = Take(key);
        var result = await DroppedIfFailedAsync(key, write);

        if (change is null)
        {
            Invalidate(key);
        }
        else
        {
            Restore(key, taken, change);
        }

        return result;
    }

    /// <inheritdoc cref="WriteAsync{T}(TKey, Func{Task{T}}, Func{TValue, CachedChange{TValue}}?)"/>
    public Task WriteAsync(TKey key, Func<Task> write, Func<TValue, CachedChange<TValue>>? change = null)
    {
        ArgumentNullException.ThrowIfNull(write);
        return WriteAsync(key, async () => { await write(); return true; }, change);
    }

    /// <summary>
    /// A write that makes the whole value (a record just created: nothing else can be known of it yet), remembered as
    /// the write answers it, unless anything was dropped meanwhile or the write failed (then the next call reads).
    /// </summary>
    public async Task<TValue> WriteNewAsync(TKey key, Func<Task<TValue>> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var (_, generation) = Take(key);
        var now = cache?.Now();
        var value = await DroppedIfFailedAsync(key, write);

        if (cache is { Enabled: true } && now is { } from)
        {
            Remember(key, value, from + cache.Lifetime, generation);
        }

        return value;
    }

    /// <summary>Runs a write; when it fails the value is dropped, for the write may have happened.</summary>
    private async Task<T> DroppedIfFailedAsync<T>(TKey key, Func<Task<T>> write)
    {
        try
        {
            return await write();
        }
        catch
        {
            Invalidate(key);
            throw;
        }
    }

    private void Remember(TKey key, TValue value, DateTimeOffset expiresAt, Generation generation)
    {
        if (_entriesBound.IsFull(_entries))
        {
            _entries.Clear();
        }

        var entry = new Entry(value, expiresAt, cache!.Lifetime);
        _entries[key] = entry;
        if (Current(key) != generation)
        {
            _entries.TryRemove(new KeyValuePair<TKey, Entry>(key, entry));
        }
    }

    private (Entry? Entry, Generation Generation) Take(TKey key)
    {
        var generation = Advance(key);
        _entries.TryRemove(key, out var entry);
        return (entry, generation);
    }

    private void Restore(TKey key, (Entry? Entry, Generation Generation) taken, Func<TValue, CachedChange<TValue>> change)
    {
        var generation = Advance(key);
        if (taken.Entry is not { } before || generation != taken.Generation with { Count = taken.Generation.Count + 1 } || cache is not { Enabled: true } || before.ExpiresAt <= cache.Now())
        {
            _entries.TryRemove(key, out _);
            return;
        }

        if (change(before.Value) is not { Kept: true } changed)
        {
            _entries.TryRemove(key, out _);
            return;
        }

        var entry = before with { Value = changed.Value };
        _entries[key] = entry;
        if (Current(key) != generation)
        {
            _entries.TryRemove(new KeyValuePair<TKey, Entry>(key, entry));
        }
    }

    /// <summary>For changes that touch many keys at once.</summary>
    public void Clear()
    {
        StartCountsAfresh();
        _entries.Clear();
    }

    private Generation Current(TKey key) =>
        new(Interlocked.Read(ref _epoch), _generations.TryGetValue(key, out var count) ? count : 0);

    /// <summary>Marks a change of the key; what is compared with later is the generation this returns.</summary>
    private Generation Advance(TKey key)
    {
        PruneWhenDue();
        if (_generationsBound.IsFull(_generations))
        {
            // A read or write that began before sees another epoch, and keeps nothing.
            StartCountsAfresh();
        }

        var epoch = Interlocked.Read(ref _epoch);
        return new(epoch, _generations.AddOrUpdate(key, 1, (_, count) => count + 1));
    }

    /// <summary>
    /// Once a lifetime, lets go of the entries past theirs, which no call answers any more, and starts the change
    /// counts afresh in a new epoch, as the bound does: a read or write in flight then keeps nothing (one read more
    /// later). Otherwise every key ever read or written stayed until <see cref="ReadCache.MaxEntries"/> of them (a
    /// referral's rows for each new referral): memory grew for hours of steady traffic (the benchmark's soak,
    /// 2026-12-06), and what was read of a record stayed in memory long after anyone needed it.
    /// </summary>
    private void PruneWhenDue()
    {
        if (cache is not { Enabled: true })
        {
            return;
        }

        var now = cache.Now();
        var due = Interlocked.Read(ref _nextPrune);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextPrune, (now + cache.Lifetime).UtcTicks, due) != due)
        {
            return;
        }

        foreach (var (key, entry) in _entries)
        {
            if (entry.ExpiresAt <= now)
            {
                // Only this entry: one remembered again meanwhile stays.
                _entries.TryRemove(new KeyValuePair<TKey, Entry>(key, entry));
            }
        }

        StartCountsAfresh();
    }

    /// <summary>
    /// Forgets every key's change count in a new epoch. The counts go first: a generation is read epoch first, so one
    /// taken meanwhile carries the old epoch and never equals a later one. The other way round, a read could take the
    /// new epoch with a count about to be forgotten, and after as many changes again find its generation unchanged.
    /// </summary>
    private void StartCountsAfresh()
    {
        _generations.Clear();
        Interlocked.Increment(ref _epoch);
    }

    /// <summary>Entries remembered now, expired or not (tests: what the prune let go).</summary>
    internal int Remembered => _entries.Count;

    private readonly record struct Generation(long Epoch, long Count);

    /// <summary>A remembered value; <paramref name="Lifetime"/> is how long it was given, which reading ahead counts from.</summary>
    private sealed record Entry(TValue Value, DateTimeOffset ExpiresAt, TimeSpan Lifetime);

    private sealed record Reading(Generation Generation, (Writes? Counter, long Started)? Writes, TaskCompletionSource<TValue> Value);

    private sealed class Writes
    {
        public long Started;
        public long Finished;
    }
}
