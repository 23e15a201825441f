using PartnerHub.Api.Reporting;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Reporting;

namespace PartnerHub.Api.Tests.Reporting;

/// <summary>
/// Test stand-in for the report data (the real <c>FunderReportService</c> is another part's): her project's
/// <see cref="ReportSamples.Typical"/> report for a coordinator, null for every other role; the programme report for
/// the one object id that leads a programme here.
/// </summary>
internal sealed class FixedFunderReports : IFunderReports
{
    public const string ProgrammeLeadObjectId = "0d1e2a3d-0000-4000-8000-00000000fead";

    public Task<FunderReport?> ForProjectAsync(Actor actor, ReportPeriod period, CancellationToken cancellationToken) =>
        Task.FromResult(actor.Role == ProjectRole.Coordinator ? ReportSamples.Typical(period: period) : null);

    public Task<FunderReport?> ForProgrammeLeadAsync(string tenantId, string objectId, ReportPeriod period, CancellationToken cancellationToken) =>
        Task.FromResult(objectId == ProgrammeLeadObjectId ? ReportSamples.Typical(period: period) : null);
}
