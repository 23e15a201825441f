using PartnerHub.Core.Partners;
using PartnerHub.Core.Reporting;

namespace PartnerHub.Api.Reporting;

/// <summary>
/// The funder report for whom may see it: the JSON endpoint, the exports and the tab all ask here, so the access rule
/// and the suppression are applied in one place.
/// </summary>
public interface IFunderReports
{
    /// <summary>Her project's report when <paramref name="actor"/> is its coordinator; otherwise null.</summary>
    Task<FunderReport?> ForProjectAsync(Actor actor, ReportPeriod period, CancellationToken cancellationToken);

    /// <summary>The projects she leads combined (aggregates only) when she is a programme lead; otherwise null.</summary>
    Task<FunderReport?> ForProgrammeLeadAsync(string tenantId, string objectId, ReportPeriod period, CancellationToken cancellationToken);
}
