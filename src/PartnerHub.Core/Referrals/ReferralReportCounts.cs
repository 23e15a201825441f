using PartnerHub.Core.Partners;
using PartnerHub.Core.Reporting;

namespace PartnerHub.Core.Referrals;

/// <summary>
/// The referral and onward sections of the funder report, raw, from a period's monthly counters
/// (<see cref="ReferralCounting"/>, <see cref="OnwardCounting"/>). Rows are the full category lists, so projects add up row by row.
/// </summary>
public static class ReferralReportCounts
{
    /// <summary>The services the programme refers women on to: always shown, other kinds only when counted.</summary>
    private static readonly OrganisationKind[] Services =
        [OrganisationKind.SocialServices, OrganisationKind.HealthVisitor, OrganisationKind.JobCentre, OrganisationKind.WomensCentre];

    public static SectionCounts Referrals(MonthlyCounters counters, ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(period);
        var orgKinds = Enum.GetValues<OrganisationKind>().Select(kind => ReferralCounting.OrgKindPrefix + kind).ToList();
        if (counters.Sum(period, ReferralCounting.NoOrganisation) > 0)
        {
            orgKinds.Add(ReferralCounting.NoOrganisation);
        }

        var needs = Enum.GetValues<NeedCategories>().Where(n => n != NeedCategories.None).Select(n => ReferralCounting.NeedPrefix + n).ToList();
        var states = Enum.GetValues<ReferralState>().Select(s => ReferralCounting.StatePrefix + s).ToList();
        var outcomes = Enum.GetValues<ReferralOutcome>().Select(o => ReferralCounting.OutcomePrefix + o).ToList();
        var months = period.Months().ToList();

        var histogram = counters.SumByPrefix(period, ReferralCounting.FirstContactDaysPrefix)
            .Where(pair => pair.Value > 0)
            .ToDictionary(pair => int.Parse(pair.Key[ReferralCounting.FirstContactDaysPrefix.Length..], System.Globalization.CultureInfo.InvariantCulture), pair => pair.Value);

        return new SectionCounts(
            [
                new RawCount("referrals", counters.Sum(period, ReferralCounting.Received)),
                new RawMedianDays("medianDaysToFirstContact", histogram),
            ],
            [
                Column("referralsByOrgKind", orgKinds, key => counters.Sum(period, key), ReportChart.Bars),
                Column("referralsByNeed", needs, key => counters.Sum(period, key), ReportChart.Bars) with { CountsMentions = true },
                Column("referralsByState", states, key => counters.Sum(period, key), ReportChart.Bars),
                Column("referralsByOutcome", outcomes, key => counters.Sum(period, key), ReportChart.Bars),
                new RawTable(
                    "referralsByMonth",
                    months.Select(m => "month." + ReportPeriod.MonthKey(m)).ToList(),
                    ["count"],
                    CountTable.Column(months.Select(m => counters.Month(m).GetValueOrDefault(ReferralCounting.Received)).ToList()),
                    ReportChart.Lines),
            ]);
    }

    public static SectionCounts Onward(MonthlyCounters counters, ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(period);
        OnwardState[] answers = [OnwardState.Sent, OnwardState.Accepted, OnwardState.Declined];
        var kinds = Enum.GetValues<OrganisationKind>()
            .Where(kind => Services.Contains(kind) || answers.Any(state => counters.Sum(period, OnwardCounting.Key(kind, state)) > 0))
            .ToList();
        var cells = new int[kinds.Count, answers.Length];
        for (var row = 0; row < kinds.Count; row++)
        {
            for (var column = 0; column < answers.Length; column++)
            {
                cells[row, column] = Math.Max(0, counters.Sum(period, OnwardCounting.Key(kinds[row], answers[column])));
            }
        }

        return new SectionCounts(
            [new RawCount("onwardReferrals", kinds.Sum(kind => counters.Sum(period, OnwardCounting.Key(kind, OnwardState.Sent))))],
            [
                new RawTable(
                    "onwardByServiceAndAnswer",
                    kinds.Select(kind => ReferralCounting.OrgKindPrefix + kind).ToList(),
                    answers.Select(state => "onwardState." + state).ToList(),
                    new CountTable(cells),
                    ReportChart.Bars),
            ]);
    }

    private static RawTable Column(string id, IReadOnlyList<string> keys, Func<string, int> count, ReportChart chart) =>
        new(id, keys, ["count"], CountTable.Column(keys.Select(key => Math.Max(0, count(key))).ToList()), chart);
}
