using Microsoft.Extensions.Options;

namespace PartnerHub.Api.Storage.ReadCaching;

/// <summary>Settings of the read cache (section <c>ReadCache</c>).</summary>
public sealed class ReadCacheOptions
{
    public const string SectionName = "ReadCache";

    /// <summary>
    /// How long a row read by key may be answered from memory: the longest a change made elsewhere (another instance,
    /// or by hand in storage) goes unseen here, e.g. how soon a member removed there loses access. 0 turns caching off.
    /// </summary>
    public int Seconds { get; set; } = 30;

    /// <summary>Entries per kind of read; past it the kind starts afresh (a bound on memory, not a tuning knob).</summary>
    public int MaxEntries { get; set; } = 10_000;
}

/// <summary>
/// The one rule for how long request-path reads by key may be remembered (<see cref="CachedReads{TKey, TValue}"/>):
/// memberships, projects, language choices, a project's directory and mothers' load. The clock is the injected
/// <see cref="TimeProvider"/>.
/// </summary>
public sealed class ReadCache(IOptions<ReadCacheOptions> options, TimeProvider time)
{
    public TimeSpan Lifetime { get; } = TimeSpan.FromSeconds(Math.Max(0, options.Value.Seconds));

    public int MaxEntries { get; } = Math.Max(1, options.Value.MaxEntries);

    public bool Enabled => Lifetime > TimeSpan.Zero;

    public DateTimeOffset Now() => time.GetUtcNow();
}
