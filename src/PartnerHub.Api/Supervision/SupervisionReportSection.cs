using PartnerHub.Api.Reporting;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Reporting;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Supervision;

/// <summary>Sessions held and the attendance rate, from the month rows <see cref="SessionStore"/> keeps with every change.</summary>
public sealed class SupervisionReportSection(TableStore store) : IReportSection
{
    public string Id => SessionCounting.Feature;

    public async Task<SectionCounts> ReadAsync(string projectId, ReportPeriod period, CancellationToken cancellationToken) =>
        SessionCounting.Section(await MonthCounterRows.ReadAsync(store.Table(TableNames.Main), projectId, SessionCounting.Feature, period, cancellationToken), period);
}
