using System.Collections.Concurrent;

namespace PartnerHub.Api.Storage;

/// <summary>
/// The size bound of one in-memory map of remembered rows or reads: past <paramref name="max"/> entries it starts again.
/// Counting a <see cref="ConcurrentDictionary{TKey, TValue}"/> takes every one of its locks, which requests on the hot
/// path then wait for (bench/README.md, "Where a change's CPU goes"), so the count is looked at on one call in
/// <see cref="Every"/>: the map may pass its bound by that many additions before it is cleared. One bound per map.
/// </summary>
public sealed class SizeBound(int max)
{
    /// <summary>Calls per look at the count (a power of two).</summary>
    public const int Every = 64;

    private int _calls;

    /// <summary>True when this call is one that looks and <paramref name="map"/> holds <c>max</c> entries or more: the caller starts it again.</summary>
    public bool IsFull<TKey, TValue>(ConcurrentDictionary<TKey, TValue> map)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(map);
        return (Interlocked.Increment(ref _calls) & (Every - 1)) == 0 && map.Count >= max;
    }
}
