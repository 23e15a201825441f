using PartnerHub.Api.Referrals;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Api.Tests.Reporting;

/// <summary>Referrals for the report's tests, made through the real store so the month counters are the production ones.</summary>
internal static class ReportSeeds
{
    /// <summary><paramref name="count"/> referrals from <paramref name="staff"/> for <paramref name="need"/>, one a day in August 2026 from <paramref name="firstDay"/>.</summary>
    public static async Task ReferAsync(ReferralStore store, Actor staff, NeedCategories need, int count, int firstDay = 3, string keyPrefix = "seed")
    {
        for (var i = 0; i < count; i++)
        {
            var referral = Referral.Submit(
                ReferralIds.New(),
                staff,
                new ReferralPerson("Amina", ["ar"], "Bøgeparken", new ContactPreference(ContactChannel.ThroughReferrer, ContactTime.Morning, null), null),
                need,
                new Consent(ConsentGivenBy.Herself, ConsentMethod.Verbal, new DateOnly(2026, 8, 1), "ar", staff.ObjectId),
                new DateTimeOffset(2026, 8, firstDay + i, 9, 0, 0, TimeSpan.Zero));
            await store.CreateAsync(referral, $"{keyPrefix}-{i}", [], CancellationToken.None);
        }
    }
}
