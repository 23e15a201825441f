namespace PartnerHub.Api.Storage.ReadCaching;

/// <summary>
/// What a write did to a remembered value, as its change function answers it to
/// <see cref="CachedReads{TKey, TValue}.WriteAsync{T}(TKey, Func{Task{T}}, Func{TValue, CachedChange{TValue}}?)"/>: the
/// value to keep (<see cref="CachedChange.Keep"/>), or that the write's effect cannot be told from the value it saw, so
/// the value is dropped and the next call reads (<see cref="CachedChange.Drop"/>).
/// </summary>
public readonly struct CachedChange<TValue>
{
    internal CachedChange(TValue value)
    {
        Value = value;
        Kept = true;
    }

    /// <summary>False for a drop: nothing is kept, the next call reads.</summary>
    public bool Kept { get; }

    public TValue Value { get; }
}

public static class CachedChange
{
    /// <summary>The value as the write left it: kept for what is left of its lifetime.</summary>
    public static CachedChange<TValue> Keep<TValue>(TValue value) => new(value);

    /// <summary>Forget the value: the write's effect is not known from it (the next call reads).</summary>
    public static CachedChange<TValue> Drop<TValue>() => default;
}
