using PartnerHub.Api.Referrals;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Api.Tests.Dashboard.Referrals;

/// <summary>
/// Many referrals at once, for a busy board column: straight through the store (one transaction each, the referral
/// with its index rows, a few at once), not the card or service round trip a single referral in these tests takes.
/// </summary>
internal static class ReferralSeeding
{
    /// <summary>
    /// <paramref name="count"/> referrals from <paramref name="referrer"/>, submitted an hour apart up to
    /// <paramref name="newest"/>, in area Bøgeparken; returned oldest first.
    /// </summary>
    public static async Task<IReadOnlyList<Referral>> SubmittedAsync(ReferralStore store, Actor referrer, int count, DateTimeOffset newest)
    {
        var consented = DateOnly.FromDateTime(newest.AddHours(1 - count).UtcDateTime);
        var referrals = Enumerable.Range(0, count).Select(i => Referral.Submit(
            ReferralIds.New(),
            referrer,
            new ReferralPerson("Amina", ["ar"], "Bøgeparken", new ContactPreference(ContactChannel.ThroughReferrer, ContactTime.Morning, null), null),
            NeedCategories.Children,
            new Consent(ConsentGivenBy.Herself, ConsentMethod.Verbal, consented, "ar", referrer.ObjectId),
            newest.AddHours(i - count + 1))).ToList();
        await Parallel.ForEachAsync(referrals, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (referral, token) =>
            await store.CreateAsync(referral, "seed|" + referral.Id, [], token));
        return referrals;
    }
}
