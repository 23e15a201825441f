using PartnerHub.Core.Localization;

namespace PartnerHub.Core.Referrals;

/// <summary>
/// The one rule for "waiting too long": an open referral nobody has contacted yet, <see cref="Days"/> Copenhagen
/// calendar days or more after it was submitted. The coordinator's board marks it; a card may use the same rule.
/// </summary>
/// <param name="Days">How many days a woman may wait for first contact; 14 unless the app setting says otherwise.</param>
public sealed record ReferralWaiting(int Days)
{
    public const int DefaultDays = 14;

    public static readonly ReferralWaiting Default = new(DefaultDays);

    /// <summary>Whole Copenhagen days since she was referred (0 on the day itself).</summary>
    public static int DaysSinceSubmitted(Referral referral, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return Math.Max(0, CopenhagenTime.DateOf(now).DayNumber - CopenhagenTime.DateOf(referral.SubmittedAt).DayNumber);
    }

    /// <summary>True once someone has been in contact with her (the referral passed through Contacted).</summary>
    public static bool HasFirstContact(Referral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return referral.State == ReferralState.Contacted || referral.History.Any(e => e.State == ReferralState.Contacted);
    }

    public bool IsTooLong(Referral referral, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return referral.IsOpen && !HasFirstContact(referral) && DaysSinceSubmitted(referral, now) >= Days;
    }
}
