using PartnerHub.Core.Partners;
using PartnerHub.Core.Reporting;

namespace PartnerHub.Core.Referrals;

/// <summary>
/// What one onward referral change adds to the monthly counters: "onward.{service kind}.Sent" in the month it was
/// sent, "onward.{service kind}.Accepted|Declined" in the month it was answered.
/// </summary>
public static class OnwardCounting
{
    public const string Feature = "onward";
    public const string Prefix = "onward.";

    public static string Key(OrganisationKind serviceKind, OnwardState state) => $"{Prefix}{serviceKind}.{state}";

    /// <param name="before">The onward referral as stored; null when <paramref name="after"/> is new.</param>
    public static IReadOnlyList<CounterDelta> Changes(OnwardReferral? before, OnwardReferral after, OrganisationKind serviceKind)
    {
        ArgumentNullException.ThrowIfNull(after);
        var deltas = new List<CounterDelta>();
        if (before is null)
        {
            deltas.Add(new(CounterDelta.MonthOf(after.SentAt), Key(serviceKind, OnwardState.Sent), 1));
        }

        if (after.State != OnwardState.Sent && before?.State is null or OnwardState.Sent && after.AnsweredAt is { } answered)
        {
            deltas.Add(new(CounterDelta.MonthOf(answered), Key(serviceKind, after.State), 1));
        }

        return deltas;
    }
}
