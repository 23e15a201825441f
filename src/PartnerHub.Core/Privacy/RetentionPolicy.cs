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
        if (referral.ErasedAt is not null || referral.IsOpen)
        {
            return false;
        }

        // Withdrawn consent leaves no reason to keep anything: the workflow erases in the same change, and a withdrawn
        // record that still holds personal data (e.g. read back from storage) is due at once, not in six months.
        return referral.State == ReferralState.Withdrawn || now - referral.LastChangedAt >= AfterEnd;
    }
}
