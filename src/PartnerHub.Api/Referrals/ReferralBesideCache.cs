using Azure;
using PartnerHub.Api.Cards;
using PartnerHub.Api.Storage.ReadCaching;

namespace PartnerHub.Api.Referrals;

/// <summary>
/// What was read beside a referral (<see cref="ReferralBeside"/>), remembered with the referral row's ETag it was read
/// with, so a warm action reads the referral by its keys only (<see cref="ReferralStore.FindWithBesideAsync"/>).
/// Everything written in the referral's own transactions moves that ETag, so a change anywhere is seen at once. Two
/// writers add a row beside it alone, leaving its version as it is on purpose: a card sent (its holder row) and an
/// onward referral (the onward row). This instance applies its own at once; one made elsewhere is seen when the entry
/// expires (<see cref="ReadCache.Lifetime"/>, the rule for who holds a card and what became of a referral everywhere).
/// Bounded like every remembered read: <see cref="ReadCache.MaxEntries"/> entries of ids only.
/// </summary>
public sealed class ReferralBesideCache(ReadCache? cache = null)
{
    private readonly CachedReads<(string ProjectId, string ReferralId), Known> _known = new(cache);

    /// <param name="ETag">The referral row's ETag as read; none for a referral not found (a read of it finds it or not again).</param>
    /// <param name="Beside">Null for a referral kept without rows beside it (an older one) or one not found.</param>
    public sealed record Known(ETag ETag, ReferralBeside? Beside);

    /// <summary>What is remembered beside this referral, if anything: true only while its ETag is the same.</summary>
    public bool TryPeek(string projectId, string referralId, out Known known) => _known.TryPeek((projectId, referralId), out known);

    /// <summary>
    /// The cold read (<paramref name="read"/>, the prefix query), remembered with its ETag. When a read running beside
    /// it was remembered first, this call reads for itself, so it never answers what it did not read.
    /// </summary>
    /// <param name="moved">An entry is remembered but its ETag moved: it is dropped first, so this read replaces it.</param>
    public async Task<StoredReferral?> ReadAsync(string projectId, string referralId, bool moved, Func<CancellationToken, Task<StoredReferral?>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        var key = (projectId, referralId);
        if (moved)
        {
            _known.Invalidate(key);
        }

        StoredReferral? fresh = null;
        var answered = false;
        await _known.GetAsync(
            key,
            async token =>
            {
                fresh = await read(token);
                answered = true;
                return new Known(fresh?.ETag ?? default, fresh?.Beside);
            },
            cancellationToken);
        return answered ? fresh : await read(cancellationToken);
    }

    /// <summary>A referral created with <paramref name="beside"/>: nothing else can be beside a new id yet.</summary>
    public async Task<StoredReferral> CreatedAsync(string projectId, string referralId, ReferralBeside beside, Func<Task<StoredReferral>> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        StoredReferral? created = null;
        await _known.WriteNewAsync((projectId, referralId), async () =>
        {
            created = await create();
            return new Known(created.ETag, beside);
        });
        return created!;
    }

    /// <summary>
    /// A change of the referral row made here, from <paramref name="before"/> (its ETag moves): remembered with the new
    /// ETag and what was beside it with <paramref name="added"/>, when this instance remembered it at the ETag the change
    /// was made from and nothing else was dropped meanwhile; else dropped (<see cref="CachedChange.Drop"/>), and the next
    /// read is a cold one.
    /// </summary>
    public async Task<StoredReferral> ChangedAsync(string projectId, string referralId, ETag before, IReadOnlyList<CardLocation> added, Func<Task<StoredReferral>> write)
    {
        ArgumentNullException.ThrowIfNull(added);
        ArgumentNullException.ThrowIfNull(write);
        StoredReferral? written = null;
        return await _known.WriteAsync(
            (projectId, referralId),
            async () => written = await write(),
            known => known.ETag == before && known.Beside is { } beside && written is not null
                ? CachedChange.Keep(new Known(written.ETag, added.Aggregate(beside, (all, location) => all.With(location))))
                : CachedChange.Drop<Known>());
    }

    /// <summary>A card of the referral recorded alone (a card sent): her holder row is applied to what is remembered.</summary>
    public Task HolderAddedAsync(string projectId, string referralId, CardLocation location, Func<Task> write) =>
        _known.WriteAsync((projectId, referralId), write, known => CachedChange.Keep(known with { Beside = known.Beside?.With(location) }));

    /// <summary>An onward referral made for it: that it has one is applied to what is remembered.</summary>
    public Task<T> OnwardAddedAsync<T>(string projectId, string referralId, Func<Task<T>> write) =>
        _known.WriteAsync((projectId, referralId), write, known => CachedChange.Keep(known with { Beside = known.Beside is { } beside ? beside with { HasOnward = true } : null }));
}
