using PartnerHub.Api.Reporting;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Referrals;
using PartnerHub.Core.Reporting;

namespace PartnerHub.Api.Referrals;

/// <summary>The report's referral figures, from the month rows <see cref="ReferralStore"/> keeps with every change.</summary>
public sealed class ReferralReportSection(TableStore store) : IReportSection
{
    public string Id => ReferralCounting.Feature;

    public async Task<SectionCounts> ReadAsync(string projectId, ReportPeriod period, CancellationToken cancellationToken) =>
        ReferralReportCounts.Referrals(await MonthCounterRows.ReadAsync(store.Table(TableNames.Main), projectId, ReferralCounting.Feature, period, cancellationToken), period);
}

/// <summary>The report's onward referral figures, from the month rows <see cref="OnwardStore"/> keeps with every change.</summary>
public sealed class OnwardReportSection(TableStore store) : IReportSection
{
    public string Id => OnwardCounting.Feature;

    public async Task<SectionCounts> ReadAsync(string projectId, ReportPeriod period, CancellationToken cancellationToken) =>
        ReferralReportCounts.Onward(await MonthCounterRows.ReadAsync(store.Table(TableNames.Main), projectId, OnwardCounting.Feature, period, cancellationToken), period);
}
