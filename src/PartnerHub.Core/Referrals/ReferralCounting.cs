using PartnerHub.Core.Partners;
using PartnerHub.Core.Reporting;

namespace PartnerHub.Core.Referrals;

/// <summary>
/// What one referral change adds to the project's monthly counters, by the Copenhagen month the event happens in:
/// a received referral by referring organisation kind and by need (one mention per need), the first time it reaches
/// each state, its outcome when it is closed, and the whole days from submission to first contact (a histogram, so
/// medians can be taken over any run of months and across projects). Counted once per event, never taken back: an
/// erased or withdrawn referral still happened.
/// </summary>
public static class ReferralCounting
{
    public const string Feature = "referrals";
    public const string Received = "count";
    public const string OrgKindPrefix = "orgKind.";
    public const string NeedPrefix = "need.";
    public const string StatePrefix = "state.";
    public const string OutcomePrefix = "outcome.";
    public const string FirstContactDaysPrefix = "firstContactDays.";

    /// <summary>Referrals made by the programme itself (a coordinator has no partner organisation).</summary>
    public const string NoOrganisation = OrgKindPrefix + "None";

    /// <param name="before">The referral as stored; null when <paramref name="after"/> is new.</param>
    /// <param name="referrerKind">The referring organisation's kind; only read for a new referral.</param>
    public static IReadOnlyList<CounterDelta> Changes(Referral? before, Referral after, OrganisationKind? referrerKind)
    {
        ArgumentNullException.ThrowIfNull(after);
        var deltas = new List<CounterDelta>();
        if (before is null)
        {
            var month = CounterDelta.MonthOf(after.SubmittedAt);
            deltas.Add(new(month, Received, 1));
            deltas.Add(new(month, referrerKind is { } kind ? OrgKindPrefix + kind : NoOrganisation, 1));
            deltas.AddRange(NeedKeys(after.Needs).Select(key => new CounterDelta(month, key, 1)));
        }

        var known = before?.History ?? [];
        var reached = known.Select(e => e.State).ToHashSet();
        foreach (var step in after.History.Skip(known.Count))
        {
            if (!reached.Add(step.State))
            {
                continue;
            }

            var month = CounterDelta.MonthOf(step.At);
            deltas.Add(new(month, StatePrefix + step.State, 1));
            if (step.State == ReferralState.Contacted)
            {
                deltas.Add(new(month, FirstContactDaysPrefix + WholeDays(after.SubmittedAt, step.At), 1));
            }

            if (step.State == ReferralState.Closed && after.Outcome is { } outcome)
            {
                deltas.Add(new(month, OutcomePrefix + outcome, 1));
            }
        }

        return deltas;
    }

    /// <summary>Copenhagen calendar days from one instant to another (same day: 0).</summary>
    public static int WholeDays(DateTimeOffset from, DateTimeOffset to) =>
        Math.Max(0, Localization.CopenhagenTime.DateOf(to).DayNumber - Localization.CopenhagenTime.DateOf(from).DayNumber);

    public static IEnumerable<string> NeedKeys(NeedCategories needs) =>
        Enum.GetValues<NeedCategories>().Where(need => need != NeedCategories.None && needs.HasFlag(need)).Select(need => NeedPrefix + need);
}
