using PartnerHub.Core.Referrals;

namespace PartnerHub.Core.Privacy;

/// <summary>
/// How long personal data about a woman is kept after her referral ends. After that it is erased and only the
/// anonymous remainder (state, dates, need categories, organisations) is kept for reporting.
/// </summary>
public static class RetentionPolicy
{
    /// <summary>Six months after the referral ended: long enough for follow-up questions, no longer.</summary>
    public static readonly TimeSpan AfterEnd = TimeSpan.FromDays(183);

    public static bool IsErasureDue(Referral referral, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return !referral.IsOpen && referral.ErasedAt is null && now - referral.LastChangedAt >= AfterEnd;
    }
}
