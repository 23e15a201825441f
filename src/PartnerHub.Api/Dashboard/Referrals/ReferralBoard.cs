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

/// <summary>One column of the board: a state, its referrals oldest first, and how many it holds.</summary>
/// <param name="Count">An open state: every referral in it, counted by key (up to <see cref="ReferralService.CountedAtMost"/>).
/// An ended state: the newest read.</param>
/// <param name="Beyond">The state holds more than <paramref name="Count"/>: an open state over the bound, an ended state
/// beyond its newest few.</param>
public sealed record ReferralColumn(ReferralState State, IReadOnlyList<StoredReferral> Items, int Count, bool Beyond)
{
    public bool IsOpen => ReferralBoard.OpenStates.Contains(State);

    /// <summary>An open column holds more than it shows: the oldest are shown, the newest wait below the line.</summary>
    public bool ShowsOldestOnly => IsOpen && (Beyond || Items.Count < Count);
}

/// <summary>
/// The pipeline as the coordinator's board reads it, through <see cref="ReferralService"/>: an open state's oldest
/// <see cref="ColumnSize"/> and its exact count (<see cref="ReferralService.OldestInStateAsync"/>), an ended state's newest
/// few (<see cref="ReferralService.ListInStateAsync"/>), each oldest first. Ended states are read only when she shows
/// them. The page's first read, its live refresh and its poll are all this one read.
/// </summary>
public static class ReferralBoard
{
    /// <summary>At most this many referrals per open column: the oldest, those waiting longest; the heading says how many there are.</summary>
    public const int ColumnSize = 100;

    /// <summary>The ended states' columns hold the newest few only: they are for looking back, not for work.</summary>
    public const int EndedColumnSize = 20;

    public static readonly IReadOnlyList<ReferralState> OpenStates = [ReferralState.Submitted, ReferralState.Accepted, ReferralState.Assigned, ReferralState.Contacted];

    public static readonly IReadOnlyList<ReferralState> EndedStates = [ReferralState.Closed, ReferralState.Declined, ReferralState.Withdrawn];

    public static async Task<IReadOnlyList<ReferralColumn>> ReadAsync(ReferralService service, Actor actor, bool withEnded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        var columns = new List<ReferralColumn>();
        foreach (var state in OpenStates)
        {
            var read = await service.OldestInStateAsync(actor, state, ColumnSize, cancellationToken);
            columns.Add(new ReferralColumn(state, [.. read.Oldest.OrderBy(s => s.Referral.SubmittedAt)], read.Count, Beyond: !read.CountedAll));
        }

        foreach (var state in withEnded ? EndedStates : [])
        {
            var (items, more) = await service.ListInStateAsync(actor, state, EndedColumnSize, cancellationToken);
            columns.Add(new ReferralColumn(state, [.. items.OrderBy(s => s.Referral.SubmittedAt)], items.Count, Beyond: more));
        }

        return columns;
    }
}
