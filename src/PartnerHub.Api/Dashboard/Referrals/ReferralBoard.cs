using PartnerHub.Api.Referrals;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Api.Dashboard.Referrals;

/// <summary>How long a referral has waited since it was submitted: the board's "age" filter.</summary>
public enum WaitingBand
{
    UnderWeek,
    OneToTwoWeeks,
    TwoToFourWeeks,
    Longer,
}

/// <summary>The board's filters as chosen in its selects; null means all.</summary>
public sealed record ReferralFilter(string? OrganisationId = null, string? Area = null, NeedCategories? Need = null, WaitingBand? Waiting = null)
{
    public static WaitingBand BandOf(int days) => days switch
    {
        < 7 => WaitingBand.UnderWeek,
        < 14 => WaitingBand.OneToTwoWeeks,
        < 30 => WaitingBand.TwoToFourWeeks,
        _ => WaitingBand.Longer,
    };

    /// <summary>
    /// Whether a referral passes, judged only on what the coordinator's view shows (<see cref="ReferralVisibility"/>): an
    /// erased referral has no area, so an area filter leaves it out rather than guessing.
    /// </summary>
    public bool Matches(ReferralView view, Referral referral, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(referral);
        return (OrganisationId is null || (view.Shows(ReferralField.ReferrerOrganisation) && referral.ReferrerOrganisationId == OrganisationId))
            && (Area is null || (view.Shows(ReferralField.Area) && referral.Person?.Area == Area))
            && (Need is not { } need || (view.Shows(ReferralField.Needs) && referral.Needs.HasFlag(need)))
            && (Waiting is not { } band || BandOf(ReferralWaiting.DaysSinceSubmitted(referral, now)) == band);
    }
}

/// <summary>One column of the board: a state, its referrals oldest first, and whether the index held more than were read.</summary>
public sealed record ReferralColumn(ReferralState State, IReadOnlyList<StoredReferral> Items, bool More);

/// <summary>
/// The pipeline as the coordinator's board reads it: per state one keyed page of the by-state index through
/// <see cref="ReferralService.ListInStateAsync"/>, oldest first. Ended states are read only when she shows them.
/// </summary>
public static class ReferralBoard
{
    /// <summary>At most this many referrals per column: the newest, shown oldest first; the heading says when there are more.</summary>
    public const int ColumnSize = 100;

    /// <summary>The ended states' columns hold the newest few only: they are for looking back, not for work.</summary>
    public const int EndedColumnSize = 20;

    public static readonly IReadOnlyList<ReferralState> OpenStates = [ReferralState.Submitted, ReferralState.Accepted, ReferralState.Assigned, ReferralState.Contacted];

    public static readonly IReadOnlyList<ReferralState> EndedStates = [ReferralState.Closed, ReferralState.Declined, ReferralState.Withdrawn];

    public static async Task<IReadOnlyList<ReferralColumn>> ReadAsync(ReferralService service, Actor actor, bool withEnded, CancellationToken cancellationToken)
    {
        var columns = new List<ReferralColumn>();
        foreach (var state in withEnded ? [.. OpenStates, .. EndedStates] : OpenStates)
        {
            var (items, more) = await service.ListInStateAsync(actor, state, OpenStates.Contains(state) ? ColumnSize : EndedColumnSize, cancellationToken);
            columns.Add(new ReferralColumn(state, [.. items.OrderBy(s => s.Referral.SubmittedAt)], more));
        }

        return columns;
    }
}
